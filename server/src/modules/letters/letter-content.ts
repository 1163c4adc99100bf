import {
  explainClocks,
  formatDuration,
  formatDutch,
  pendingNotices,
  type CaseState,
  type Outcome,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import type { LetterKind } from '../documents/document.entity.js';

/** A letter as words, before it is laid out as a PDF. */
export interface LetterContent {
  organisationName: string;
  /** The one person a letter names: the client, or the subject an extension notice goes to. */
  addressee: string;
  /** dd-mm-jjjj */
  date: string;
  reference: string;
  /** The "Betreft" line. */
  subject: string;
  sections: { heading?: string; paragraphs: string[] }[];
}

/** Why a letter cannot be made from the case as it stands; shown to staff as data. */
export type LetterRefusalCode = 'NO_OUTCOME' | 'NO_EXTENSION' | 'NO_DECISION';

export type ComposedLetter =
  | { ok: true; content: LetterContent; fileName: string }
  | { ok: false; code: LetterRefusalCode; message: string };

/** What a letter is made from: the case state and procedure, and the two names it may use. */
export interface LetterSource {
  kind: LetterKind;
  definition: ProcedureDefinition;
  state: CaseState;
  reference: string;
  organisationName: string;
  /** The person the letter is addressed to: the client, or a subject (extension notices). */
  addresseeName: string;
  /** Whom it goes to: a subject is told of the complaint's handling, not addressed as its author. */
  to: 'client' | 'subject';
  /** The civil date of sending, YYYY-MM-DD. */
  today: string;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  gegrond: 'Gegrond',
  'deels-gegrond': 'Deels gegrond',
  ongegrond: 'Ongegrond',
  'niet-ontvankelijk': 'Niet-ontvankelijk',
  'opgelost-door-bemiddeling': 'Opgelost door bemiddeling',
  ingetrokken: 'Ingetrokken',
};

const CLOSING =
  'Heeft u vragen over deze brief, stel ze dan via het cliëntportaal. U kunt zich daarbij laten bijstaan door een vertrouwenspersoon.';

/**
 * The words of a letter to the client, in Dutch, from the case state and the procedure's labels.
 * It names only the client and the organisation: never the person complained about, staff,
 * confidants or owners of measures. The texts it quotes (the complaint parts, the reasoning) are
 * the client's own and the organisation's answer to them; staff read the draft before sending it.
 */
export function composeLetter(source: LetterSource): ComposedLetter {
  switch (source.kind) {
    case 'outcome':
      return outcomeLetter(source);
    case 'extension':
      return extensionLetter(source);
    case 'decision':
      return decisionLetter(source);
  }
}

function frame(source: LetterSource, subject: string, sections: LetterContent['sections']) {
  return {
    organisationName: source.organisationName,
    addressee: source.addresseeName,
    date: formatDutch(source.today),
    reference: source.reference,
    subject,
    sections: [
      { paragraphs: [`Beste ${source.addresseeName},`] },
      ...sections,
      { paragraphs: [CLOSING, 'Met vriendelijke groet,', source.organisationName] },
    ],
  };
}

function outcomeLetter(source: LetterSource): ComposedLetter {
  const { state, definition } = source;
  const decided = state.parts.filter((part) => part.outcome);
  if (decided.length === 0) {
    return {
      ok: false,
      code: 'NO_OUTCOME',
      message: 'Er is nog over geen enkel klachtonderdeel een oordeel gegeven.',
    };
  }
  const parts = state.parts.map((part, index) => ({
    heading: `Klachtonderdeel ${index + 1}`,
    paragraphs: [
      `Uw klacht: ${part.summary}`,
      part.outcome
        ? `Oordeel: ${OUTCOME_LABELS[part.outcome]}${part.decidedOn ? ` (${formatDutch(part.decidedOn)})` : ''}`
        : 'Oordeel: hierover is nog niet beslist.',
      ...(part.reasoning ? [`Onderbouwing: ${part.reasoning}`] : []),
    ],
  }));
  const motivations = [...new Set(decided.map((part) => part.decidedBy))]
    .map((action) => (action ? decisionMotivation(definition, state, action) : undefined))
    .filter((text): text is string => Boolean(text));
  const measures = state.measures.map(
    (measure) => `${measure.description} (uiterlijk ${formatDutch(measure.due)})`,
  );
  return {
    ok: true,
    fileName: `Oordeel ${source.reference}.pdf`,
    content: frame(source, `Oordeel over uw klacht, kenmerk ${source.reference}`, [
      {
        paragraphs: [
          `Uw klacht is behandeld volgens de ${definition.label.nl}. In deze brief leest u ons oordeel per klachtonderdeel en waarop het berust.`,
        ],
      },
      ...parts,
      ...(motivations.length > 0 ? [{ heading: 'Toelichting', paragraphs: motivations }] : []),
      ...(measures.length > 0
        ? [{ heading: 'Maatregelen die wij nemen', paragraphs: measures }]
        : []),
    ]),
  };
}

/** The motivation given with the decision (the action's motivation input), if any. */
function decisionMotivation(
  definition: ProcedureDefinition,
  state: CaseState,
  actionId: string,
): string | undefined {
  const action = definition.actions.find((a) => a.id === actionId);
  const inputIds = (action?.inputs ?? [])
    .filter((input) => input.kind === 'motivation')
    .map((input) => input.id);
  const taken = [...state.history]
    .reverse()
    .find((entry) => entry.kind === 'action' && entry.action === actionId);
  if (!taken || taken.kind !== 'action') return undefined;
  const texts = inputIds
    .map((id) => taken.payload[id])
    .filter((value): value is string => typeof value === 'string' && value.trim().length > 0);
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

/**
 * The notice of an extension: the reason and the new date. Written for the extension that waits
 * for its notice (it takes effect once this letter is sent in time), or else the latest one.
 */
function extensionLetter(source: LetterSource): ComposedLetter {
  const { state, definition } = source;
  const pending = pendingNotices(definition, state)[0];
  const latest = Object.values(state.clocks)
    .flatMap((clock) => clock.extensions.map((extension) => ({ clock, extension })))
    .filter(({ extension }) => extension.status === undefined || extension.status === 'effective')
    .sort((a, b) => b.extension.recordedOn.localeCompare(a.extension.recordedOn))[0];
  if (!pending && !latest) {
    return { ok: false, code: 'NO_EXTENSION', message: 'Er is geen termijn verlengd.' };
  }
  const clockId = pending?.clock ?? latest!.clock.clock;
  const explained = explainClocks(definition, state, 'nl').find((clock) => clock.clock === clockId);
  const label = explained?.label ?? clockId;
  const duration = pending?.duration ?? latest!.extension.duration;
  const reason = pending?.reason ?? latest!.extension.reason;
  const newDue = pending?.newDue ?? latest!.clock.due;
  const consentOn = latest?.extension.consent?.on ?? latest?.extension.consentRecordedOn;
  return {
    ok: true,
    fileName: `Verlenging ${source.reference}.pdf`,
    content: frame(source, `Verlenging van de termijn, kenmerk ${source.reference}`, [
      {
        paragraphs: [
          `Wij hebben meer tijd nodig om ${source.to === 'subject' ? 'de klacht die over u is ingediend' : 'uw klacht'} zorgvuldig te behandelen. Daarom verlengen wij de termijn “${label}” met ${formatDuration(duration, 'nl')}.`,
          ...(reason ? [`De reden: ${reason}`] : []),
          ...(!pending && consentOn && source.to === 'client'
            ? [`U heeft op ${formatDutch(consentOn)} ingestemd met deze verdere verlenging.`]
            : []),
          `De nieuwe uiterste datum is ${formatDutch(newDue)}.`,
        ],
      },
      {
        heading: 'Zo is deze datum berekend',
        paragraphs: [explained?.explanation ?? formatDutch(newDue)],
      },
    ]),
  };
}

function decisionLetter(source: LetterSource): ComposedLetter {
  const { admissibility } = source.state;
  if (admissibility.status !== 'accepted' && admissibility.status !== 'declined') {
    return {
      ok: false,
      code: 'NO_DECISION',
      message: 'Er is (nog) geen beslissing over het in behandeling nemen van de klacht.',
    };
  }
  const accepted = admissibility.status === 'accepted';
  return {
    ok: true,
    fileName: `Beslissing ${source.reference}.pdf`,
    content: frame(
      source,
      `Beslissing over het in behandeling nemen van uw klacht, kenmerk ${source.reference}`,
      [
        {
          paragraphs: [
            ...admissibility.warnings.map((warning) => warning.message.nl),
            accepted
              ? `Wij hebben op ${formatDutch(admissibility.decidedOn ?? source.today)} besloten uw klacht in behandeling te nemen.`
              : `Wij hebben op ${formatDutch(admissibility.decidedOn ?? source.today)} besloten uw klacht niet in behandeling te nemen (niet-ontvankelijk).`,
          ],
        },
        ...(admissibility.motivation
          ? [{ heading: 'Motivering', paragraphs: [admissibility.motivation] }]
          : []),
      ],
    ),
  };
}
