import {
  appealRoute,
  explainClocks,
  formatDuration,
  formatLetterDate,
  OUTCOME_LABELS,
  pendingNotices,
  REGIME_RULES,
  type CaseState,
  type PlainDate,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import type { LetterKind } from '../documents/document.entity.js';
import type { Language } from '../users/user-language.js';

/** A letter as words, before it is laid out as a PDF. */
export interface LetterContent {
  /** The letter's language: the recipient's (what the PDF declares as its language). */
  language: Language;
  organisationName: string;
  /** The one person a letter names: the client, or the subject an extension notice goes to. */
  addressee: string;
  /** As the letter's language writes it. */
  date: string;
  reference: string;
  /** The "Betreft" line. */
  subject: string;
  /** The words before the addressee, date, reference and subject lines. */
  labels: { to: string; date: string; reference: string; subject: string };
  sections: { heading?: string; paragraphs: string[] }[];
}

/** Why a letter cannot be made from the case as it stands; shown to staff as data. */
export type LetterRefusalCode = 'NO_OUTCOME' | 'NO_EXTENSION' | 'NO_DECISION' | 'NO_APPEAL_ROUTE';

export type ComposedLetter =
  | {
      ok: true;
      content: LetterContent;
      fileName: string;
      /** For an extension letter: the extension it announces (`Extension.id`), when it has one. */
      announces?: string;
    }
  | { ok: false; code: LetterRefusalCode; message: string };

/** The words before a letter's addressee, date, reference and subject lines, per language. */
export function letterLabels(language: Language): LetterContent['labels'] {
  return WORDS[language].labels;
}

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
  /** The language the addressee chose for Klachtpad: the letter is written in it. */
  language: Language;
  /** The civil date of sending, YYYY-MM-DD. */
  today: string;
}

/**
 * Every sentence a letter may contain, per language. The texts a letter quotes (the complaint
 * parts, the reasoning, a reason for extending) stay as their author wrote them.
 */
const WORDS = {
  nl: {
    labels: { to: 'Aan', date: 'Datum', reference: 'Kenmerk', subject: 'Betreft' },
    greeting: (name: string) => `Beste ${name},`,
    closing:
      'Heeft u vragen over deze brief, stel ze dan via het cliëntportaal. U kunt zich daarbij laten bijstaan door een vertrouwenspersoon.',
    regards: 'Met vriendelijke groet,',
    outcome: {
      file: 'Oordeel',
      subject: (reference: string) => `Oordeel over uw klacht, kenmerk ${reference}`,
      intro: (procedure: string) =>
        `Uw klacht is behandeld volgens de ${procedure}. In deze brief leest u ons oordeel per klachtonderdeel en waarop het berust.`,
      part: (n: number) => `Klachtonderdeel ${n}`,
      complaint: (summary: string) => `Uw klacht: ${summary}`,
      judgment: (outcome: string, on: string | undefined) =>
        `Oordeel: ${outcome}${on ? ` (${on})` : ''}`,
      undecided: 'Oordeel: hierover is nog niet beslist.',
      reasoning: (text: string) => `Onderbouwing: ${text}`,
      measures: 'Maatregelen die wij nemen',
      measure: (description: string, due: string) => `${description} (uiterlijk ${due})`,
      appeal: 'Niet eens met dit oordeel?',
    },
    extension: {
      file: 'Verlenging',
      subject: (reference: string) => `Verlenging van de termijn, kenmerk ${reference}`,
      need: (toSubject: boolean, clock: string, duration: string) =>
        `Wij hebben meer tijd nodig om ${toSubject ? 'de klacht die over u is ingediend' : 'uw klacht'} zorgvuldig te behandelen. Daarom verlengen wij de termijn “${clock}” met ${duration}.`,
      reason: (reason: string) => `De reden: ${reason}`,
      consent: (on: string) => `U heeft op ${on} ingestemd met deze verdere verlenging.`,
      newDue: (due: string) => `De nieuwe uiterste datum is ${due}.`,
      derivation: 'Zo is deze datum berekend',
    },
    decision: {
      file: 'Beslissing',
      subject: (reference: string) =>
        `Beslissing over het in behandeling nemen van uw klacht, kenmerk ${reference}`,
      accepted: (on: string) => `Wij hebben op ${on} besloten uw klacht in behandeling te nemen.`,
      declined: (on: string) =>
        `Wij hebben op ${on} besloten uw klacht niet in behandeling te nemen (niet-ontvankelijk).`,
      motivation: 'Motivering',
      appeal: 'Niet eens met deze beslissing?',
    },
  },
  en: {
    labels: { to: 'To', date: 'Date', reference: 'Reference', subject: 'Subject' },
    greeting: (name: string) => `Dear ${name},`,
    closing:
      'If you have questions about this letter, please ask them through the client portal. A confidant can support you in doing so.',
    regards: 'Kind regards,',
    outcome: {
      file: 'Decision',
      subject: (reference: string) => `Decision on your complaint, reference ${reference}`,
      intro: (procedure: string) =>
        `Your complaint was handled under the ${procedure}. This letter gives our decision on each part of your complaint and what it rests on.`,
      part: (n: number) => `Complaint part ${n}`,
      complaint: (summary: string) => `Your complaint: ${summary}`,
      judgment: (outcome: string, on: string | undefined) =>
        `Decision: ${outcome}${on ? ` (${on})` : ''}`,
      undecided: 'Decision: not decided yet.',
      reasoning: (text: string) => `Reasoning: ${text}`,
      measures: 'Measures we take',
      measure: (description: string, due: string) => `${description} (by ${due})`,
      appeal: 'Do you disagree with this decision?',
    },
    extension: {
      file: 'Extension',
      subject: (reference: string) => `Extension of the term, reference ${reference}`,
      need: (toSubject: boolean, clock: string, duration: string) =>
        `We need more time to handle ${toSubject ? 'the complaint made about you' : 'your complaint'} with due care. We therefore extend the term “${clock}” by ${duration}.`,
      reason: (reason: string) => `The reason: ${reason}`,
      consent: (on: string) => `On ${on} you agreed to this further extension.`,
      newDue: (due: string) => `The new final date is ${due}.`,
      derivation: 'How this date was calculated',
    },
    decision: {
      file: 'Decision on handling',
      subject: (reference: string) =>
        `Decision on whether we handle your complaint, reference ${reference}`,
      accepted: (on: string) => `On ${on} we decided to handle your complaint.`,
      declined: (on: string) => `On ${on} we decided not to handle your complaint (inadmissible).`,
      motivation: 'Reasons',
      appeal: 'Do you disagree with this decision?',
    },
  },
} as const;

/**
 * The words of a letter, in the addressee's language, from the case state and the procedure's
 * labels. It names only the addressee and the organisation: never the person complained about
 * (to the client), staff, confidants or owners of measures. The texts it quotes (the complaint
 * parts, the reasoning) are the client's own and the organisation's answer to them; staff read
 * the draft before sending it.
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

function frame(
  source: LetterSource,
  subject: string,
  sections: LetterContent['sections'],
): LetterContent {
  const words = WORDS[source.language];
  return {
    language: source.language,
    organisationName: source.organisationName,
    addressee: source.addresseeName,
    date: formatLetterDate(source.today, source.language),
    reference: source.reference,
    subject,
    labels: words.labels,
    sections: [
      { paragraphs: [words.greeting(source.addresseeName)] },
      ...sections,
      { paragraphs: [words.closing, words.regards, source.organisationName] },
    ],
  };
}

const date = (source: LetterSource, day: PlainDate) => formatLetterDate(day, source.language);

/**
 * Where the client can turn after the decision, and within what term (Wkkgz art. 18: the
 * geschilleninstantie; Awb 9:12 lid 2: the ombudsman). A regime that demands it makes the letter
 * impossible without it: a procedure published before the validator checked this still runs, but
 * its decision letters wait until the route is added.
 */
function appealSection(
  source: LetterSource,
  heading: string,
): { section?: LetterContent['sections'][number]; missing?: ComposedLetter } {
  const route = appealRoute(source.definition);
  const required = REGIME_RULES[source.definition.regime].appeal;
  if (required && (!route || route.body !== required.body)) {
    const body =
      required.body === 'geschilleninstantie' ? 'de geschilleninstantie' : 'de ombudsman';
    return {
      missing: {
        ok: false,
        code: 'NO_APPEAL_ROUTE',
        message: `De ${REGIME_RULES[source.definition.regime].label.nl} eist dat deze brief de weg naar ${body} en de termijn noemt, maar de procedure noemt die niet. Voeg "appeal" toe aan de procedure en publiceer haar opnieuw.`,
      },
    };
  }
  return route ? { section: { heading, paragraphs: [route.text[source.language]] } } : {};
}

function outcomeLetter(source: LetterSource): ComposedLetter {
  const { state, definition, language } = source;
  const words = WORDS[language].outcome;
  const decided = state.parts.filter((part) => part.outcome);
  if (decided.length === 0) {
    return {
      ok: false,
      code: 'NO_OUTCOME',
      message: 'Er is nog over geen enkel klachtonderdeel een oordeel gegeven.',
    };
  }
  const appeal = appealSection(source, words.appeal);
  if (appeal.missing) return appeal.missing;
  const parts = state.parts.map((part, index) => ({
    heading: words.part(index + 1),
    paragraphs: [
      words.complaint(part.summary),
      part.outcome
        ? words.judgment(
            OUTCOME_LABELS[part.outcome][language],
            part.decidedOn ? date(source, part.decidedOn) : undefined,
          )
        : words.undecided,
      ...(part.reasoning ? [words.reasoning(part.reasoning)] : []),
    ],
  }));
  const motivations = [...new Set(decided.map((part) => part.decidedBy))].flatMap((action) =>
    action ? decisionMotivations(definition, state, action, language) : [],
  );
  const measures = state.measures.map((measure) =>
    words.measure(measure.description, date(source, measure.due)),
  );
  return {
    ok: true,
    fileName: `${words.file} ${source.reference}.pdf`,
    content: frame(source, words.subject(source.reference), [
      { paragraphs: [words.intro(definition.label[language])] },
      ...parts,
      ...motivations,
      ...(measures.length > 0 ? [{ heading: words.measures, paragraphs: measures }] : []),
      ...(appeal.section ? [appeal.section] : []),
    ]),
  };
}

/**
 * The motivations given with the decision (the action's motivation inputs), each under the
 * procedure's own words for it: Ondersteuningsteam's "Wat er met de klacht is gedaan" is the
 * letter the seed promises every complainant ("De klager krijgt altijd te horen wat er met de
 * klacht is gedaan"), not a generic explanation.
 */
function decisionMotivations(
  definition: ProcedureDefinition,
  state: CaseState,
  actionId: string,
  language: Language,
): LetterContent['sections'] {
  const action = definition.actions.find((a) => a.id === actionId);
  const taken = [...state.history]
    .reverse()
    .find((entry) => entry.kind === 'action' && entry.action === actionId);
  if (!taken || taken.kind !== 'action') return [];
  return (action?.inputs ?? []).flatMap((input) => {
    const text = input.kind === 'motivation' ? taken.payload[input.id] : undefined;
    return typeof text === 'string' && text.trim().length > 0
      ? [{ heading: input.label[language], paragraphs: [text] }]
      : [];
  });
}

/**
 * The notice of an extension: the reason and the new date. Written for the extension that waits
 * for its notice (it takes effect once this letter is sent in time), or else the latest one.
 */
function extensionLetter(source: LetterSource): ComposedLetter {
  const { state, definition, language } = source;
  const words = WORDS[language].extension;
  const pending = pendingNotices(definition, state)[0];
  const latest = Object.values(state.clocks)
    .flatMap((clock) => clock.extensions.map((extension) => ({ clock, extension })))
    .filter(({ extension }) => extension.status === undefined || extension.status === 'effective')
    .sort((a, b) => b.extension.recordedOn.localeCompare(a.extension.recordedOn))[0];
  if (!pending && !latest) {
    return { ok: false, code: 'NO_EXTENSION', message: 'Er is geen termijn verlengd.' };
  }
  const clockId = pending?.clock ?? latest!.clock.clock;
  const explained = explainClocks(definition, state, language).find(
    (clock) => clock.clock === clockId,
  );
  const label = explained?.label ?? clockId;
  const duration = pending?.duration ?? latest!.extension.duration;
  const reason = pending?.reason ?? latest!.extension.reason;
  const newDue = pending?.newDue ?? latest!.clock.due;
  const consentOn = latest?.extension.consent?.on ?? latest?.extension.consentRecordedOn;
  // The notice counts for this extension only: a letter for the one before it, sent on the day
  // the next was recorded, must not announce that one too (ADR 0099).
  const announces = pending?.extension ?? latest?.extension.id;
  return {
    ok: true,
    fileName: `${words.file} ${source.reference}.pdf`,
    ...(announces ? { announces } : {}),
    content: frame(source, words.subject(source.reference), [
      {
        paragraphs: [
          words.need(source.to === 'subject', label, formatDuration(duration, language)),
          ...(reason ? [words.reason(reason)] : []),
          ...(!pending && consentOn && source.to === 'client'
            ? [words.consent(date(source, consentOn))]
            : []),
          words.newDue(date(source, newDue)),
        ],
      },
      {
        heading: words.derivation,
        paragraphs: [explained?.explanation ?? date(source, newDue)],
      },
    ]),
  };
}

function decisionLetter(source: LetterSource): ComposedLetter {
  const { admissibility } = source.state;
  const words = WORDS[source.language].decision;
  if (admissibility.status !== 'accepted' && admissibility.status !== 'declined') {
    return {
      ok: false,
      code: 'NO_DECISION',
      message: 'Er is (nog) geen beslissing over het in behandeling nemen van de klacht.',
    };
  }
  const accepted = admissibility.status === 'accepted';
  // Declining to handle a complaint is itself a decision the client may take further.
  const appeal = accepted ? {} : appealSection(source, words.appeal);
  if (appeal.missing) return appeal.missing;
  const on = date(source, admissibility.decidedOn ?? source.today);
  return {
    ok: true,
    fileName: `${words.file} ${source.reference}.pdf`,
    content: frame(source, words.subject(source.reference), [
      {
        paragraphs: [
          ...admissibility.warnings.map((warning) => warning.message[source.language]),
          accepted ? words.accepted(on) : words.declined(on),
        ],
      },
      ...(admissibility.motivation
        ? [{ heading: words.motivation, paragraphs: [admissibility.motivation] }]
        : []),
      ...(appeal.section ? [appeal.section] : []),
    ]),
  };
}
