import { pendingNotices, type Label, type Participant } from '@klachtpad/procedures';
import { asCase } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import type { RequestContext } from '../../core/context.js';
import { caseFacts } from '../cases/case-facts.js';
import type { Case } from '../cases/case.entity.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { namesOf } from '../users/user-names.js';

/** Someone a notice is still owed to: by role, and the people holding it in this case. */
export interface OwedRecipient {
  role: Participant;
  personId: string | null;
  name: string | null;
}

/** A letter the case still owes before its term runs out (issue 8 §1). */
export interface PendingNoticeRecord {
  kind: 'extension-letter';
  clock: string;
  clockLabel: Label;
  extension: string;
  reason: string;
  sendBefore: string;
  newDue: string;
  awaitsConsent: boolean;
  owedTo: OwedRecipient[];
}

/**
 * The extension letters a case still owes: for every extension the engine holds pending with a
 * notice rule, the recipients who got no letter naming it yet (the letters module's facts), and the
 * end of the term as it stands, by which they must have it. A notice is gone once every recipient
 * got it; the extension then takes effect when its consent is in too. Staff of the case only (null
 * for anyone else): what staff still owe is their work list, and the client learns of the extension
 * from the letter itself.
 */
export async function casePendingNotices(
  ctx: RequestContext,
  kase: Case,
): Promise<PendingNoticeRecord[] | null> {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readInternal', asCase(kase))) return null;
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  const owed = pendingNotices(definition, kase.state, await caseFacts(ctx, kase, definition))
    .map((notice) => ({
      notice,
      roles: notice.noticeTo.filter((role) => !notice.sentTo.includes(role)),
    }))
    .filter(({ roles }) => roles.length > 0);
  if (owed.length === 0) return [];
  const holders = (role: Participant): (string | null)[] => {
    if (role === 'client') return [kase.clientId];
    // One letter to any person complained about is the subject's notice (the letter facts);
    // while none went, each of them is owed it.
    if (role === 'subject') return kase.subjectIds.length > 0 ? kase.subjectIds : [null];
    return [null];
  };
  const names = await namesOf(
    ctx,
    owed.flatMap(({ roles }) => roles.flatMap(holders)).filter((id) => id !== null),
  );
  return owed.map(({ notice, roles }) => ({
    kind: 'extension-letter',
    clock: notice.clock,
    clockLabel: notice.label,
    extension: notice.extension,
    reason: notice.reason,
    sendBefore: notice.before,
    newDue: notice.newDue,
    awaitsConsent: notice.needsConsent && !notice.consentGiven,
    owedTo: roles.flatMap((role) =>
      holders(role).map((personId) => ({
        role,
        personId,
        name: personId ? (names.get(personId) ?? null) : null,
      })),
    ),
  }));
}
