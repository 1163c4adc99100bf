import { partsAbout, type ComplaintPart, type ReaderOf } from '@klachtpad/procedures';
import { asCase, type AbilityViewer, type AppAbility } from '../../core/authz/ability.js';
import type { Case } from './case.entity.js';

/**
 * The side of the case a viewer reads it from (issue 8 §3, §4): staff who may read its internal
 * part, the client side (the client and their confidants), the person complained about, or a
 * referred commission. Anyone else reads as a subject of nothing: they see no one's inputs.
 * A staff member who is the subject is recused (the ability takes `readInternal`), so they read
 * as the subject they are.
 */
export function readerOf(kase: Case, viewer: AbilityViewer, ability: AppAbility): ReaderOf {
  if (ability.can('readInternal', asCase(kase))) return { side: 'staff' };
  if (kase.clientId === viewer.userId || viewer.caseGrants[kase.id]) return { side: 'client' };
  if (kase.subjectIds.includes(viewer.userId)) return { side: 'subject', subjectId: viewer.userId };
  if (viewer.referredCaseIds.includes(kase.id)) return { side: 'commission' };
  return { side: 'subject' };
}

/**
 * The complaint parts this reader sees: all of them, except for the person complained about,
 * who sees only the parts that name them — never the client's other parts.
 */
export function partsFor(kase: Case, reader: ReaderOf): ComplaintPart[] {
  if (reader.side !== 'subject') return kase.state.parts;
  return reader.subjectId ? partsAbout(kase.state, reader.subjectId) : [];
}
