import { EntitySchema } from '@mikro-orm/core';

/** A team or location of the organisation, with its manager (issue 8 §2, ADR 0098). */
export class Unit {
  organisationId!: string;
  id!: string;
  name!: string;
  /** A current manager of the organisation; null until a director names one. */
  managerId: string | null = null;
  createdAt!: Date;
}

export const UnitSchema = new EntitySchema<Unit>({
  class: Unit,
  tableName: 'units',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    managerId: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** A member of staff belongs to a unit; one person may belong to several. */
export class UnitMember {
  organisationId!: string;
  unitId!: string;
  userId!: string;
}

export const UnitMemberSchema = new EntitySchema<UnitMember>({
  class: UnitMember,
  tableName: 'unit_members',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    unitId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
  },
});
