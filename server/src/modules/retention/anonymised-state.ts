import type { CaseState, HistoryEntry } from '@klachtpad/procedures';

/**
 * The engine state of a case with everything that could identify a person taken out (ADR 0094):
 * what people wrote (summaries, reasonings, motivations, measure descriptions, extension reasons),
 * whom it was about (subject ids, owners, commission members by name), the incident's dates, and
 * every action's inputs. What is left is what the register and stage timings count: category,
 * tracks and stages with their dates, clocks and their terms, outcomes and their dates, measures'
 * due dates, referrals' commissions and dates, closing.
 *
 * The history no longer replays: an anonymised case never changes again.
 */
export function anonymisedState(state: CaseState): CaseState {
  const {
    eventDate: _eventDate,
    lastContactDate: _lastContactDate,
    members: _members,
    ...kept
  } = state;
  return {
    ...kept,
    parts: state.parts.map((part) => ({
      id: part.id,
      summary: '',
      ...(part.category !== undefined ? { category: part.category } : {}),
      ...(part.outcome !== undefined ? { outcome: part.outcome } : {}),
      ...(part.decidedOn !== undefined ? { decidedOn: part.decidedOn } : {}),
      ...(part.decidedBy !== undefined ? { decidedBy: part.decidedBy } : {}),
      judgments: part.judgments.map(({ reasoning: _reasoning, ...judgment }) => judgment),
    })),
    measures: state.measures.map((measure) => ({ ...measure, description: '', owner: '' })),
    admissibility: {
      status: state.admissibility.status,
      warnings: state.admissibility.warnings,
      ...(state.admissibility.decidedOn !== undefined
        ? { decidedOn: state.admissibility.decidedOn }
        : {}),
    },
    clocks: Object.fromEntries(
      Object.entries(state.clocks).map(([id, clock]) => [
        id,
        {
          ...clock,
          extensions: clock.extensions.map(
            ({ reason: _reason, consent, notice, ...extension }) => ({
              ...extension,
              ...(consent ? { consent: { on: consent.on, via: consent.via } } : {}),
              ...(notice ? { notice: { sentOn: notice.sentOn, to: notice.to, letters: [] } } : {}),
            }),
          ),
        },
      ]),
    ),
    referrals: state.referrals.map(({ members: _names, ...referral }) => referral),
    history: state.history.map(anonymisedEntry),
  };
}

function anonymisedEntry(entry: HistoryEntry): HistoryEntry {
  switch (entry.kind) {
    case 'filed':
      return {
        kind: 'filed',
        at: entry.at,
        input: {
          complainant: entry.input.complainant,
          ...(entry.input.entry !== undefined ? { entry: entry.input.entry } : {}),
          ...(entry.input.category !== undefined ? { category: entry.input.category } : {}),
          ...(entry.input.receivedOn !== undefined ? { receivedOn: entry.input.receivedOn } : {}),
          parts: entry.input.parts.map((part) => ({
            ...(part.id !== undefined ? { id: part.id } : {}),
            summary: '',
            ...(part.category !== undefined ? { category: part.category } : {}),
          })),
        },
      };
    case 'action':
      return {
        kind: 'action',
        at: entry.at,
        action: entry.action,
        actor: {
          roles: entry.actor.roles,
          relationships: entry.actor.relationships.map((relationship) =>
            relationship.kind === 'confidant' ? { kind: 'confidant', grants: [] } : relationship,
          ),
        },
        payload: {},
      };
    case 'time':
      return { kind: 'time', at: entry.at };
    case 'referral-ended':
      return { kind: 'referral-ended', at: entry.at, commission: entry.commission };
    case 'subject-named':
      return { kind: 'subject-named', at: entry.at, subjectId: '', partIds: entry.partIds };
  }
}
