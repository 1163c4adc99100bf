import { createUnionType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MeasureRefusalCode } from './measure.refusals.js';

export enum MeasureStatusValue {
  OPEN = 'open',
  DONE = 'done',
  OVERDUE = 'overdue',
}
registerEnumType(MeasureStatusValue, {
  name: 'MeasureStatus',
  description: 'OVERDUE: not done and its due date has passed (Europe/Amsterdam).',
});
registerEnumType(MeasureRefusalCode, { name: 'MeasureRefusalCode' });

@ObjectType('Measure', {
  description:
    'A measure the decision recorded, tracked to completion. The client side sees what and by when, and whether it was done; owner and proof are for staff.',
})
export class MeasureView {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'The due date (YYYY-MM-DD).' })
  due!: string;

  @Field(() => [String], { description: 'The complaint parts it answers.' })
  parts!: string[];

  @Field(() => MeasureStatusValue)
  status!: MeasureStatusValue;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries it out; null for non-staff.' })
  owner!: string | null;

  @Field(() => String, { nullable: true, description: 'Proof of completion; null for non-staff.' })
  proof!: string | null;

  @Field(() => ID, { nullable: true, description: 'Who recorded completion; null for non-staff.' })
  completedById!: string | null;
}

@ObjectType('MeasureRefused', { description: 'The measure cannot be completed; nothing changed.' })
export class MeasureRefusedView {
  @Field(() => MeasureRefusalCode)
  code!: MeasureRefusalCode;

  @Field(() => String)
  message!: string;
}

export const CompleteMeasureResult = createUnionType({
  name: 'CompleteMeasureResult',
  types: () => [MeasureView, MeasureRefusedView] as const,
});
