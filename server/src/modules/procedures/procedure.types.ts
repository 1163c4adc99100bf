import { JSONResolver } from 'graphql-scalars';
import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';

@ObjectType('Procedure', { description: 'A published version of the organisation’s procedure.' })
export class ProcedureView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The procedure’s own identifier, e.g. `bureau-mhr`.' })
  procedureId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => String, { description: 'The legal regime: wkkgz, awb9, jeugdwet or wmo-own.' })
  regime!: string;

  @Field(() => JSONResolver, {
    description: 'The definition as published (JSON Schema in the procedures package).',
  })
  definition!: unknown;

  @Field(() => String, { description: 'A Mermaid state diagram.' })
  diagram!: string;

  @Field(() => String, {
    description: 'Stages, actions by role and clocks in plain words (Markdown).',
  })
  explanation!: string;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;
}

@ObjectType('ProcedureFinding')
export class ProcedureFindingView {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: '`error` blocks publishing; `warning` does not.' })
  severity!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType('ProcedurePublished')
export class ProcedurePublished {
  @Field(() => ProcedureView)
  procedure!: ProcedureView;

  @Field(() => [ProcedureFindingView], { description: 'Warnings that did not block publishing.' })
  findings!: ProcedureFindingView[];
}

@ObjectType('ProcedureRejected')
export class ProcedureRejected {
  @Field(() => [ProcedureFindingView])
  findings!: ProcedureFindingView[];
}

export const PublishProcedureResult = createUnionType({
  name: 'PublishProcedureResult',
  types: () => [ProcedurePublished, ProcedureRejected] as const,
});
