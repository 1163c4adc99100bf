import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@klachtpad/contracts';
import type { Position } from '@klachtpad/procedures';

/** Gives a user roles in one organisation. Keyed by (organisation, user). */
export class Membership {
  organisationId!: string;
  userId!: string;
  roles!: Role[];
  createdAt!: Date;
  /**
   * When the member's access ended (deactivated): the row stays, because their cases, messages
   * and signatures point to it, but it gives no access and names no one to pick (ADR 0090).
   */
  endedAt: Date | null = null;
  endedBy: string | null = null;
  /**
   * A director's position, directie or bestuur (ADR 0098); null where the organisation does not
   * tell them apart and its directors hold both. Read only with the director role.
   */
  position: Position | null = null;
}

/**
 * The filter that makes an ended membership count as none, everywhere an organisation's members
 * are read through the ORM: entering the organisation, abilities, pickers, notifications.
 * Only the members module turns it off, to find an ended membership again.
 */
export const CURRENT_ONLY = 'current';

export const MembershipSchema = new EntitySchema<Membership>({
  class: Membership,
  tableName: 'memberships',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    roles: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
    endedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    endedBy: { type: 'uuid', nullable: true },
    position: { type: 'text', nullable: true },
  },
  filters: {
    [CURRENT_ONLY]: { name: CURRENT_ONLY, cond: { endedAt: null }, default: true },
  },
});
