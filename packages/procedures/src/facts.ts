import { compareDates, type PlainDate } from './calendar/plain-date.js';
import type {
  CommissionDefinition,
  Label,
  LetterKind,
  MeetingKind,
  Participant,
  Requirement,
} from './definition.schema.js';
import type { CaseState, ClockState, Extension, ProposedMember } from './state.js';

/**
 * Facts are what the case record (the server's tables, not the engine's history) says people did:
 * meetings held and their minutes signed by everyone present, letters sent, consent documents. The
 * engine never believes a payload that claims them; the server reads them and hands them in with
 * every call (ADR 0030). Every field is optional: a case without meetings passes no `meetings`.
 */
export interface CaseFacts {
  meetings?: MeetingFact[];
  letters?: LetterFact[];
  consents?: ConsentFact[];
}

/** A meeting on the case as the record has it. Parties are named by their part in the case. */
export interface MeetingFact {
  /** The server's id of the meeting (kept in the history of the change that relied on it). */
  id: string;
  kind: MeetingKind;
  /** The civil date it was held (or is planned). */
  on: PlainDate;
  /** Parties invited (the client, the subject, a handler…). */
  invited: Participant[];
  /** Parties present; empty until attendance is recorded. */
  present: Participant[];
  /** The day the last person present signed the minutes; absent until everyone present signed. */
  minutesSignedOn?: PlainDate;
}

/** A letter the server sent from the case. */
export interface LetterFact {
  id: string;
  kind: LetterKind;
  sentOn: PlainDate;
  /** Parties it was sent to (one letter may go to several; one party may get several letters). */
  to: Participant[];
  /** For an extension letter: the extension it announces (`Extension.id`), when the server knows. */
  extension?: string;
}

/**
 * The client's written consent to an extension, uploaded to the case and marked as such by staff.
 * (Consent given in the portal is the client's own action in the procedure, not a fact.)
 */
export interface ConsentFact {
  id: string;
  kind: 'extension';
  givenOn: PlainDate;
  /** The extension consented to, when the document names one; otherwise the clock's pending one. */
  extension?: string;
  clock?: string;
}

/** A requirement of an action that the case does not meet yet, for the UI to show. */
export interface UnmetRequirement {
  /** Index in the action's `requires`. */
  index: number;
  requirement: Requirement;
  message: Label;
  /** Parties whose act is still missing (not invited, not present, not sent to, not approved by). */
  missing: Participant[];
}

export interface RequirementCheck {
  unmet: UnmetRequirement[];
  /** The facts that met the requirements: the change keeps them in its history entry. */
  used: CaseFacts;
}

const PARTY_NAMES: Record<Participant, Label> = {
  client: { nl: 'cliënt', en: 'client' },
  confidant: { nl: 'vertrouwenspersoon', en: 'confidant' },
  subject: { nl: 'beklaagde', en: 'person complained about' },
  handler: { nl: 'behandelaar', en: 'handler' },
  manager: { nl: 'leidinggevende', en: 'manager' },
  director: { nl: 'directie', en: 'management' },
  bestuur: { nl: 'bestuur', en: 'board' },
  commission: { nl: 'commissie', en: 'commission' },
};

const MEETING_NAMES: Record<MeetingKind, Label> = {
  meeting: { nl: 'het gesprek', en: 'the talk' },
  hearing: { nl: 'de hoorzitting', en: 'the hearing' },
};

const LETTER_NAMES: Record<LetterKind, Label> = {
  outcome: {
    nl: 'de brief met wat er met de klacht is gedaan',
    en: 'the letter saying what was done with the complaint',
  },
  extension: { nl: 'het bericht van verlenging', en: 'the notice of extension' },
  decision: {
    nl: 'de brief met de beslissing over de ontvankelijkheid',
    en: 'the letter with the admissibility decision',
  },
};

/** The names of parties in a language, joined: "cliënt, beklaagde". */
export function partyNames(parties: readonly Participant[], lang: 'nl' | 'en'): string {
  return parties.map((p) => PARTY_NAMES[p][lang]).join(', ');
}

function missingFrom(wanted: readonly Participant[], have: readonly Participant[]): Participant[] {
  return wanted.filter((p) => !have.includes(p));
}

function onOrBefore(date: PlainDate | undefined, today: PlainDate): date is PlainDate {
  return date !== undefined && compareDates(date, today) <= 0;
}

/**
 * Checks an action's requirements against the facts and the state. `since` is the day the case
 * entered the stage the action is taken from: letters count from then on.
 */
export function checkRequirements(
  requirements: readonly Requirement[],
  state: CaseState,
  commissions: readonly CommissionDefinition[],
  facts: CaseFacts,
  today: PlainDate,
  since: PlainDate,
): RequirementCheck {
  const unmet: UnmetRequirement[] = [];
  const used: Required<CaseFacts> = { meetings: [], letters: [], consents: [] };
  requirements.forEach((requirement, index) => {
    const when = requirement.when;
    if (when && (state.flags[when.flag] ?? false) !== when.equals) return;
    const result = checkOne(requirement, state, commissions, facts, today, since);
    if (result.met) {
      used.meetings.push(...result.meetings);
      used.letters.push(...result.letters);
      return;
    }
    unmet.push({
      index,
      requirement,
      message: requirement.message ?? result.message,
      missing: result.missing,
    });
  });
  return { unmet, used: compactFacts(used) };
}

type OneCheck =
  | { met: true; meetings: MeetingFact[]; letters: LetterFact[] }
  | { met: false; message: Label; missing: Participant[] };

function checkOne(
  requirement: Requirement,
  state: CaseState,
  commissions: readonly CommissionDefinition[],
  facts: CaseFacts,
  today: PlainDate,
  since: PlainDate,
): OneCheck {
  switch (requirement.kind) {
    case 'minutes-signed': {
      const meetings = (facts.meetings ?? []).filter(
        (m) => m.kind === requirement.meeting && onOrBefore(m.on, today),
      );
      const signed = meetings
        .filter((m) => onOrBefore(m.minutesSignedOn, today))
        .sort((a, b) => compareDates(b.on, a.on));
      const fitting = signed.find(
        (m) =>
          missingFrom(requirement.invited, m.invited).length === 0 &&
          missingFrom(requirement.present, m.present).length === 0,
      );
      if (fitting) return { met: true, meetings: [fitting], letters: [] };
      const what = MEETING_NAMES[requirement.meeting];
      const closest = signed[0] ?? meetings[0];
      const missing = closest
        ? [
            ...missingFrom(requirement.invited, closest.invited),
            ...missingFrom(requirement.present, closest.present),
          ]
        : [...new Set([...requirement.invited, ...requirement.present])];
      const who = [
        ...(requirement.invited.length > 0
          ? [
              {
                nl: `uitgenodigd: ${partyNames(requirement.invited, 'nl')}`,
                en: `invited: ${partyNames(requirement.invited, 'en')}`,
              },
            ]
          : []),
        ...(requirement.present.length > 0
          ? [
              {
                nl: `aanwezig: ${partyNames(requirement.present, 'nl')}`,
                en: `present: ${partyNames(requirement.present, 'en')}`,
              },
            ]
          : []),
      ];
      const detail = {
        nl: who.length > 0 ? ` (${who.map((w) => w.nl).join('; ')})` : '',
        en: who.length > 0 ? ` (${who.map((w) => w.en).join('; ')})` : '',
      };
      return {
        met: false,
        missing: [...new Set(missing)],
        message: {
          nl: `Eerst moet het verslag van ${what.nl}${detail.nl} door alle aanwezigen zijn ondertekend.`,
          en: `First the minutes of ${what.en}${detail.en} must be signed by everyone present.`,
        },
      };
    }
    case 'letter-sent': {
      const letters = (facts.letters ?? []).filter(
        (l) =>
          l.kind === requirement.letter &&
          onOrBefore(l.sentOn, today) &&
          compareDates(l.sentOn, since) >= 0,
      );
      const reached = [...new Set(letters.flatMap((l) => l.to))];
      const missing = missingFrom(requirement.to, reached);
      if (missing.length === 0) {
        const needed = letters.filter((l) => l.to.some((p) => requirement.to.includes(p)));
        return { met: true, meetings: [], letters: needed };
      }
      const what = LETTER_NAMES[requirement.letter];
      return {
        met: false,
        missing,
        message: {
          nl: `Eerst moet ${what.nl} zijn verzonden aan: ${partyNames(missing, 'nl')}.`,
          en: `First ${what.en} must be sent to: ${partyNames(missing, 'en')}.`,
        },
      };
    }
    case 'members-approved': {
      const commission = commissions.find((c) => c.id === requirement.commission);
      const members = state.members?.[requirement.commission] ?? [];
      const verdict = memberVerdicts(members, requirement.by);
      const approved = verdict.filter((v) => v.status === 'approved').map((v) => v.member);
      const waiting = verdict.filter((v) => v.status === 'waiting');
      const min = commission?.minMembers ?? 1;
      const chairs = approved.filter((m) => m.chair);
      const chairOk =
        !commission?.independentChair || (chairs.length === 1 && chairs[0]?.independent === true);
      if (waiting.length === 0 && approved.length >= min && chairOk) {
        return { met: true, meetings: [], letters: [] };
      }
      const missing = [...new Set(waiting.flatMap((w) => w.waitingFor))];
      const problems: Label[] = [];
      for (const w of waiting) {
        problems.push({
          nl: `${w.member.name} wacht op goedkeuring van: ${partyNames(w.waitingFor, 'nl')}`,
          en: `${w.member.name} awaits approval by: ${partyNames(w.waitingFor, 'en')}`,
        });
      }
      if (approved.length + waiting.length < min) {
        problems.push({
          nl: `stel minstens ${min} ${min === 1 ? 'lid' : 'leden'} voor (goedgekeurd: ${approved.length})`,
          en: `propose at least ${min} ${min === 1 ? 'member' : 'members'} (approved: ${approved.length})`,
        });
      }
      if (!chairOk) {
        problems.push({
          nl: 'de commissie heeft precies één onafhankelijke voorzitter nodig',
          en: 'the commission needs exactly one independent chair',
        });
      }
      return {
        met: false,
        missing,
        message: {
          nl: `De commissie is nog niet met wederzijds goedkeuren samengesteld: ${problems.map((p) => p.nl).join('; ')}.`,
          en: `The commission has not yet been formed with mutual approval: ${problems.map((p) => p.en).join('; ')}.`,
        },
      };
    }
  }
}

/** Each proposed member: approved by every party, refused by one, or waiting for some. */
export function memberVerdicts(
  members: readonly ProposedMember[],
  by: readonly Participant[],
): {
  member: ProposedMember;
  status: 'approved' | 'refused' | 'waiting';
  waitingFor: Participant[];
}[] {
  return members.map((member) => {
    const latest = (party: Participant) => member.approvals.filter((a) => a.by === party).at(-1);
    if (by.some((party) => latest(party)?.approve === false)) {
      return { member, status: 'refused' as const, waitingFor: [] };
    }
    const waitingFor = by.filter((party) => latest(party) === undefined);
    return { member, status: waitingFor.length === 0 ? 'approved' : 'waiting', waitingFor };
  });
}

/**
 * The notice of a pending extension as far as the letters show it: every recipient the rule names
 * got an extension letter, sent on or after the day it was recorded and on or before `before` (the
 * end of the term as it stands). Letters naming another extension do not count.
 */
export function noticeOf(
  extension: Extension,
  facts: CaseFacts,
  before: PlainDate,
): { complete: boolean; sentOn?: PlainDate; to: Participant[]; letters: LetterFact[] } {
  const letters = (facts.letters ?? [])
    .filter(
      (l) =>
        l.kind === 'extension' &&
        (l.extension === undefined || l.extension === extension.id) &&
        compareDates(l.sentOn, extension.recordedOn) >= 0 &&
        compareDates(l.sentOn, before) <= 0,
    )
    .sort((a, b) => compareDates(a.sentOn, b.sentOn));
  const required = extension.noticeTo ?? [];
  const to: Participant[] = [];
  const counted: LetterFact[] = [];
  for (const letter of letters) {
    const adds = letter.to.filter((p) => required.includes(p) && !to.includes(p));
    if (adds.length === 0) continue;
    to.push(...adds);
    counted.push(letter);
    if (missingFrom(required, to).length === 0) {
      return { complete: true, sentOn: letter.sentOn, to, letters: counted };
    }
  }
  return { complete: required.length === 0, to, letters: counted };
}

/** A consent document for a pending extension, given on or before `before`. */
export function consentDocumentOf(
  extension: Extension,
  clock: ClockState,
  facts: CaseFacts,
  before: PlainDate,
): ConsentFact | undefined {
  return (facts.consents ?? [])
    .filter(
      (c) =>
        c.kind === 'extension' &&
        (c.extension === undefined || c.extension === extension.id) &&
        (c.clock === undefined || c.clock === clock.clock) &&
        compareDates(c.givenOn, extension.recordedOn) >= 0 &&
        compareDates(c.givenOn, before) <= 0,
    )
    .sort((a, b) => compareDates(a.givenOn, b.givenOn))[0];
}

/** Facts without empty lists, or undefined when there are none. */
export function compactFacts(facts: CaseFacts): CaseFacts {
  const out: CaseFacts = {};
  if (facts.meetings?.length) out.meetings = dedupe(facts.meetings);
  if (facts.letters?.length) out.letters = dedupe(facts.letters);
  if (facts.consents?.length) out.consents = dedupe(facts.consents);
  return out;
}

/** Two sets of facts together (the first wins for an id that appears in both). */
export function mergeFacts(a: CaseFacts, b: CaseFacts): CaseFacts {
  return compactFacts({
    meetings: [...(a.meetings ?? []), ...(b.meetings ?? [])],
    letters: [...(a.letters ?? []), ...(b.letters ?? [])],
    consents: [...(a.consents ?? []), ...(b.consents ?? [])],
  });
}

/** Whether there is any fact at all (an empty record settles nothing). */
export function hasFacts(facts: CaseFacts): boolean {
  return Boolean(facts.meetings?.length || facts.letters?.length || facts.consents?.length);
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

/** Which kinds of fact a case needs now, so the server reads no more than that. */
export interface FactsNeeded {
  meetings: boolean;
  letters: boolean;
  consents: boolean;
}
