import { JSONResolver } from 'graphql-scalars';
import { CursorScalar, DateTimeScalar } from '../../core/graphql/scalars.js';
import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';
import type { Case } from './case.entity.js';

@ObjectType('CaseStage', { description: 'Where one track of the case is now.' })
export class CaseStageView {
  @Field(() => String)
  track!: string;

  @Field(() => String)
  stage!: string;

  @Field(() => LabelView)
  label!: LabelView;
}

@ObjectType('ComplaintPart')
export class ComplaintPartView {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String, { nullable: true, description: 'gegrond, deels-gegrond, ongegrond, …' })
  outcome!: string | null;

  @Field(() => String, { nullable: true })
  decidedOn!: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Whom this part is about (show them by name with `members`); null but for staff.',
  })
  subjectIds!: string[] | null;
}

@ObjectType('ActionInput', {
  description: 'One input of a recorded action, as the viewer may read it.',
})
export class ActionInputView {
  @Field(() => String)
  id!: string;

  @Field(() => String, {
    description: 'The input kind of the procedure format (text, motivation, outcomes, …).',
  })
  kind!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => JSONResolver, {
    description: 'The value as typed; measures without their owner outside staff.',
  })
  value!: unknown;
}

@ObjectType('ActionInputs', {
  description: 'A recorded action with the inputs the viewer may read.',
})
export class ActionInputsView {
  @Field(() => Int, {
    description: 'The `entry` of the `action-taken` timeline event it belongs to.',
  })
  entry!: number;

  @Field(() => String)
  action!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => String, { description: 'When it was taken.' })
  at!: string;

  @Field(() => [ActionInputView])
  inputs!: ActionInputView[];
}

@ObjectType('Deadline', {
  description: 'A running or ended clock with its due date explained in words.',
})
export class DeadlineView {
  @Field(() => String)
  clock!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  status!: string;

  @Field(() => String, { description: 'The due date (YYYY-MM-DD, Europe/Amsterdam).' })
  due!: string;

  @Field(() => String, { description: 'e.g. "13-04-2026 = ontvangen 02-03-2026 + 6 weken".' })
  explanation!: string;
}

@ObjectType('TimelineEvent')
export class TimelineEventView {
  @Field(() => Int)
  sequence!: number;

  @Field(() => String)
  type!: string;

  @Field(() => String, {
    description:
      '`shared` (the client side sees it), `internal` (staff only) or `subject` (addressed to one subject).',
  })
  visibility!: string;

  @Field(() => JSONResolver)
  payload!: unknown;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => Boolean, {
    description:
      'Recorded by the organisation’s own scheduled work (a reminder, a term that ran out and what the procedure does then), not by a person.',
  })
  bySystem!: boolean;
}

@ObjectType('AvailableAction')
export class AvailableActionView {
  @Field(() => String)
  id!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => Boolean, { description: 'Whether the action records a decision on the complaint.' })
  decision!: boolean;

  @Field(() => JSONResolver, {
    description: 'The typed inputs the action requires (procedure format).',
  })
  inputs!: unknown;
}

@ObjectType('Case')
export class CaseView {
  /** The loaded row, for field resolvers; not part of the schema. */
  entity!: Case;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Readable reference, unique within the organisation.' })
  reference!: string;

  @Field(() => Int, { description: 'Pass as `expectedVersion` when acting on the case.' })
  version!: number;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => String, {
    description: 'How the complaint came in: portal, confidant, in-person, phone, paper, email.',
  })
  channel!: string;

  @Field(() => String)
  receivedOn!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [CaseStageView])
  stages!: CaseStageView[];

  @Field(() => [String], { description: 'Filing warnings, e.g. filed outside the window.' })
  warnings!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('CaseChanged')
export class CaseChanged {
  @Field(() => CaseView)
  case!: CaseView;
}

@ObjectType('RefusalReason')
export class RefusalReasonView {
  @Field(() => LabelView)
  message!: LabelView;

  @Field(() => String, { nullable: true, description: 'The input the reason is about.' })
  input!: string | null;
}

@ObjectType('ActionRefused', {
  description: 'The procedure does not allow this now; nothing changed.',
})
export class ActionRefused {
  @Field(() => String)
  code!: string;

  @Field(() => [RefusalReasonView])
  reasons!: RefusalReasonView[];
}

export const CaseChangeResult = createUnionType({
  name: 'CaseChangeResult',
  types: () => [CaseChanged, ActionRefused] as const,
});

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => CursorScalar, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('CaseEdge')
export class CaseEdge {
  @Field(() => CursorScalar)
  cursor!: string;

  @Field(() => CaseView)
  node!: CaseView;
}

@ObjectType('CaseConnection')
export class CaseConnection {
  @Field(() => [CaseEdge])
  edges!: CaseEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Resolved by `CaseConnectionResolver.totalCount`, only when the response asks for it. */
  count!: () => Promise<number>;
}
