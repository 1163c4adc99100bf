import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@klachtpad/contracts';

/** Gives a user roles in one organisation. Keyed by (organisation, user). */
export class Membership {
  organisationId!: string;
  userId!: string;
  roles!: Role[];
  createdAt!: Date;
}

export const MembershipSchema = new EntitySchema<Membership>({
  class: Membership,
  tableName: 'memberships',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    roles: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
  },
});
