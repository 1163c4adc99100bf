import { amsterdamDate, type LetterFact } from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { onHook } from '../../core/hooks.js';
import { CASE_FACTS, type CaseFactsGathering } from '../cases/case-facts.js';
import { Document } from '../documents/document.entity.js';

/** The letters sent from cases, as facts for the engine: kind, day and recipients (ADR 0030). */
async function letterFacts(ctx: RequestContext, gathering: CaseFactsGathering): Promise<void> {
  const cases = gathering.cases.filter(({ needed }) => needed.letters).map(({ kase }) => kase);
  const organisationId = cases[0]?.organisationId;
  if (!organisationId) return;
  const letters = await ctx.em.find(Document, {
    organisationId,
    caseId: { $in: cases.map((c) => c.id) },
    kind: 'letter',
    sentAt: { $ne: null },
  });
  for (const kase of cases) {
    const facts: LetterFact[] = letters.flatMap((letter) =>
      letter.caseId === kase.id && letter.letterKind && letter.sentAt
        ? [
            {
              id: letter.id,
              kind: letter.letterKind,
              sentOn: amsterdamDate(letter.sentAt),
              // The client side (the client and their confidants), or the one subject it went to.
              to: [letter.letterTo === 'subject' ? 'subject' : 'client'],
              ...(letter.letterExtension ? { extension: letter.letterExtension } : {}),
            },
          ]
        : [],
    );
    if (facts.length > 0)
      gathering.facts.set(kase.id, { ...gathering.facts.get(kase.id), letters: facts });
  }
}

export const LETTER_HOOKS = [onHook(CASE_FACTS, 'letters', { effect: letterFacts })];
