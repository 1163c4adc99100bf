import { nameSubject } from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { anyMember, requireMembers } from '../memberships/membership.service.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { caseFacts } from './case-facts.js';
import { catchUp, commitTransition } from './case-transition.js';
import type { Case } from './case.entity.js';
import { NameSubjectSchema } from './case.inputs.js';

/**
 * Records whom a complaint is about once staff know the person (ADR 0097). A client filing in
 * the portal names them in words, never by account (clients do not see the organisation's
 * people); until staff name them, the procedure's hearings and mediation talks, which need the
 * person complained about invited, cannot be held, and that person cannot be heard or shown the
 * parts about them.
 *
 * Without `partIds` the person is added to the parts that are about the whole complaint: the
 * parts whose subjects are the complaint's subjects (every part, when nobody was named yet),
 * the same rule as at filing. A member of staff named is recused from handling the case at
 * once (ADR 0009); one who handles it now must be replaced first.
 */
export async function nameComplaintSubject(ctx: RequestContext, input: unknown): Promise<Case> {
  const data = parseInput(NameSubjectSchema, input);
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'nameSubjects', 'name-subject', {
    lock: true,
  });
  const subjectId = data.subjectId.toLowerCase();
  if (subjectId === kase.clientId)
    throw badInput('De cliënt kan niet zelf de beklaagde zijn.', { field: 'subjectId' });
  if (kase.handlerIds.includes(subjectId))
    throw badInput('Deze medewerker behandelt de klacht. Wijs eerst een andere behandelaar toe.', {
      field: 'subjectId',
    });
  await requireMembers(ctx, [subjectId], 'subjectId', anyMember);
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  await catchUp(ctx, kase, definition);
  if (kase.closed)
    throw badInput('De klacht is afgesloten; over wie zij gaat, ligt vast.', { field: 'caseId' });
  const partIds = data.partIds ?? partsAboutTheWholeComplaint(kase);
  if (partIds.length === 0)
    throw badInput('Kies over welke klachtonderdelen het gaat.', { field: 'partIds' });
  const unknown = partIds.find((id) => !kase.state.parts.some((part) => part.id === id));
  if (unknown !== undefined)
    throw badInput('Dit klachtonderdeel hoort niet bij de klacht.', { field: 'partIds' });

  const previous = kase.state;
  const applied = nameSubject(
    definition,
    previous,
    subjectId,
    partIds,
    ctx.now,
    await caseFacts(ctx, kase, definition),
  );
  if (!kase.subjectIds.includes(subjectId)) kase.subjectIds = [...kase.subjectIds, subjectId];
  kase.updatedAt = ctx.now;
  if (applied.changed) {
    const refusal = await commitTransition(ctx, {
      kind: 'subject-named',
      kase,
      definition,
      previous,
      applied,
      onBehalfOfId: null,
      byCommission: false,
    });
    // No module vetoes naming a subject today; should one, nothing is written.
    if (refusal) throw badInput(refusal.reasons[0]?.message.nl ?? refusal.code);
  }
  await ctx.em.flush();
  return kase;
}

function partsAboutTheWholeComplaint(kase: Case): string[] {
  const whole = [...kase.subjectIds].sort().join(' ');
  return kase.state.parts
    .filter((part) => [...(part.subjectIds ?? [])].sort().join(' ') === whole)
    .map((part) => part.id);
}
