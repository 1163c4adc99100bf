import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';

@ObjectType('SuppressibleCount', {
  description: 'A count, or null with `suppressed` when it is under 5 (anonymity).',
})
export class SuppressibleCountView {
  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;
}

@ObjectType('RegisterGroup', {
  description:
    'One group of the register. Groups under 5 are suppressed, and so are as many of the smallest others as needed to keep them from being worked out by subtraction.',
})
export class RegisterGroupView {
  @Field(() => String)
  key!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;
}

@ObjectType('ComplaintsRegister', {
  description: 'The anonymised complaints register of the organisation for one year of receipt.',
})
export class ComplaintsRegisterView {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, {
    description:
      'The first year with a register: the year the organisation joined, or the earliest year of receipt if older complaints were brought in.',
  })
  firstYear!: number;

  @Field(() => SuppressibleCountView, { description: 'Complaints received in the year.' })
  cases!: SuppressibleCountView;

  @Field(() => SuppressibleCountView, { description: 'Their complaint parts.' })
  parts!: SuppressibleCountView;

  @Field(() => [RegisterGroupView], {
    description: 'Complaints by the procedure’s categories, the rest as `other`.',
  })
  byCategory!: RegisterGroupView[];

  @Field(() => [RegisterGroupView], {
    description: 'Complaint parts by outcome (`undecided` while open).',
  })
  byOutcome!: RegisterGroupView[];

  @Field(() => [RegisterGroupView], {
    description:
      'Complaints by time from receipt to closing: within 6 weeks, 6–10 weeks, longer, open.',
  })
  byLeadTime!: RegisterGroupView[];

  @Field(() => [RegisterGroupView], {
    description:
      'Complaints by route: handled within the organisation, filed straight with an external commission, or referred to one later.',
  })
  byRoute!: RegisterGroupView[];
}

@ObjectType('StageCount')
export class StageCountView {
  @Field(() => String)
  track!: string;

  @Field(() => String)
  stage!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => Int)
  count!: number;
}

@ObjectType('LeadTimes', {
  description:
    'Days from receipt to closing of the cases closed since `since`, against the decision term (managers and directors; nothing for others).',
})
export class LeadTimesView {
  @Field(() => String, { description: 'The first day counted (ISO date): 12 months back.' })
  since!: string;

  @Field(() => Int)
  closed!: number;

  @Field(() => Float, { nullable: true })
  medianDays!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Nine in ten closed cases took at most this many days.',
  })
  p90Days!: number | null;

  @Field(() => Int, { description: 'Closed cases whose procedure gave them a decision term.' })
  withTerm!: number;

  @Field(() => Int, {
    description:
      'Of those, closed on or before the term’s due date (with its extensions and suspensions).',
  })
  withinTerm!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'The longest decision term the current procedure’s regime allows, in days; null where the law leaves it to the organisation.',
  })
  legalTermDays!: number | null;
}

@ObjectType('TrendCount', { description: 'One group of one month of a trend.' })
export class TrendCountView {
  @Field(() => String, { description: '`YYYY-MM`.' })
  month!: string;

  @Field(() => String)
  key!: string;

  @Field(() => LabelView)
  label!: LabelView;

  @Field(() => Int)
  count!: number;
}

@ObjectType('Dashboard', { description: 'Counts over the cases the viewer may see.' })
export class DashboardView {
  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  closed!: number;

  @Field(() => Int, { description: 'Open cases whose next due date has passed.' })
  overdue!: number;

  @Field(() => Int, { description: 'Open cases due today or within 7 days.' })
  dueSoon!: number;

  @Field(() => [StageCountView], {
    description: 'Open cases per active stage, in procedure order.',
  })
  stages!: StageCountView[];

  @Field(() => LeadTimesView)
  leadTimes!: LeadTimesView;

  @Field(() => [TrendCountView], {
    description:
      'Cases received per month (the last 12) and category, every month with every category; empty for all but managers and directors.',
  })
  receivedByCategory!: TrendCountView[];

  @Field(() => [TrendCountView], {
    description:
      'Complaint parts of the cases closed per month (the last 12), by outcome; empty for all but managers and directors.',
  })
  closedByOutcome!: TrendCountView[];
}
