import type { Role } from '@klachtpad/contracts';
import { rolesFrom } from '../../shared/roles';
import type { Person, StaffCase } from './staff-case.graphql';

export interface Candidate {
  userId: string;
  displayName: string;
  /** Why they belong at the table: client, handler, subject, confidant, manager or director. */
  relation: 'client' | 'handler' | 'subject' | 'confidant' | 'manager' | 'director';
}

export interface People {
  /** A member's name; someone no longer a member reads as such, never as an id. */
  name(userId: string): string;
  withRole(role: Role): { userId: string; displayName: string }[];
  /** Who may be invited to a meeting of this case, as the server allows (ScheduleMeetingInput). */
  candidates: Candidate[];
}

/** The organisation's people as the case page shows them: every id becomes a name. */
export function peopleOf(
  members: readonly Person[],
  kase: Pick<StaffCase, 'clientId' | 'handlerIds' | 'subjectIds' | 'confidantGrants'>,
  formerMember = '—',
): People {
  const byId = new Map(members.map((member) => [member.userId, member]));
  for (const grant of kase.confidantGrants ?? []) {
    if (grant.confidantName && !byId.has(grant.confidantId))
      byId.set(grant.confidantId, {
        userId: grant.confidantId,
        displayName: grant.confidantName,
        roles: ['CONFIDANT'],
      });
  }
  const name = (userId: string) => byId.get(userId)?.displayName ?? formerMember;
  const withRole = (role: Role) =>
    members
      .filter((member) => rolesFrom(member.roles).includes(role))
      .map(({ userId, displayName }) => ({ userId, displayName }));
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const add = (userId: string, relation: Candidate['relation']) => {
    if (seen.has(userId) || !byId.has(userId)) return;
    seen.add(userId);
    candidates.push({ userId, displayName: name(userId), relation });
  };
  if (kase.clientId) add(kase.clientId, 'client');
  for (const id of kase.handlerIds ?? []) add(id, 'handler');
  for (const id of kase.subjectIds ?? []) add(id, 'subject');
  for (const grant of kase.confidantGrants ?? [])
    if (grant.live) add(grant.confidantId, 'confidant');
  for (const { userId } of withRole('manager')) add(userId, 'manager');
  for (const { userId } of withRole('director')) add(userId, 'director');
  return { name, withRole, candidates };
}
