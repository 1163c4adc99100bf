import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '@klachtpad/contracts';
import type { Position } from '@klachtpad/procedures';
import { DirectorPositionEnum, RoleEnum } from '../memberships/role.graphql.js';
import type { AssignmentHow } from './case-assignment.entity.js';

export const AssignmentHowEnum = {
  ROUTED: 'routed',
  ASSIGNED: 'assigned',
  REGISTERED: 'registered',
} as const satisfies Record<string, AssignmentHow>;

registerEnumType(AssignmentHowEnum, {
  name: 'AssignmentHow',
  description:
    'How a person became responsible for a stage: ROUTED by the organisation’s rules, ASSIGNED by a manager or director, REGISTERED: the member of staff who took the complaint down for the client.',
});

@ObjectType('Unit', { description: 'A team or location of the organisation, with its manager.' })
export class UnitView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Its manager (a member; see `members`).' })
  managerId!: string | null;

  @Field(() => [ID], { description: 'The staff who belong to it.' })
  memberIds!: string[];
}

@ObjectType('StageRoute', {
  description:
    'A staff stage of the current procedure, whom the procedure makes responsible there, and the organisation’s rule for who that is.',
})
export class StageRouteView {
  @Field(() => String)
  track!: string;

  @Field(() => String)
  stage!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => DirectorPositionEnum, { nullable: true })
  position!: Position | null;

  @Field(() => Boolean, {
    description:
      'To the manager of the unit of the employee the complaint is about first (a manager’s stage does unless a rule says otherwise).',
  })
  byUnit!: boolean;

  @Field(() => ID, { nullable: true, description: 'Who is responsible when no unit decides.' })
  defaultAssigneeId!: string | null;
}

@ObjectType('StageResponsibility', {
  description: 'Who is responsible for the case in one of its current stages.',
})
export class StageResponsibilityView {
  @Field(() => String)
  track!: string;

  @Field(() => String)
  stage!: string;

  @Field(() => RoleEnum, { description: 'The role the procedure makes responsible there.' })
  role!: Role;

  @Field(() => DirectorPositionEnum, { nullable: true })
  position!: Position | null;

  @Field(() => ID, { nullable: true, description: 'Null while nobody is: the role as a whole.' })
  assigneeId!: string | null;

  @Field(() => String, { nullable: true })
  assigneeName!: string | null;

  @Field(() => AssignmentHowEnum, {
    nullable: true,
    description: 'Null for a handler’s stage the case’s handler has without being routed to it.',
  })
  how!: AssignmentHow | null;
}
