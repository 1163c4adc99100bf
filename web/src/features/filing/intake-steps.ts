import type { ProcedureDefinition } from '../../shared/procedure/definition';

/** The questions of the guided form, in order; each is one page on a phone. */
export type StepId =
  | 'client'
  | 'channel'
  | 'complainant'
  | 'entry'
  | 'category'
  | 'parts'
  | 'date'
  | 'about'
  | 'wish'
  | 'attachments'
  | 'check';

/**
 * Who fills in the form: the client themselves, a confidant on a client's standing authorisation,
 * or staff taking down a complaint a client made in person, by phone, on paper or by mail.
 */
export type Filer = 'client' | 'confidant' | 'staff';

/** How a complaint staff register reached the organisation (`FileComplaintInput.channel`). */
export const STAFF_CHANNELS = ['in-person', 'phone', 'paper', 'email'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** What the person answered so far. */
export interface IntakeValues {
  clientId: string;
  channel: string;
  receivedOn: string;
  complainant: string;
  entry: string;
  category: string;
  parts: { summary: string }[];
  eventDate: string;
  lastContactDate: string;
  /** Flags that are circumstances of the complaint, asked with "about whom". */
  flags: string[];
  /** The employees the complaint is about, when staff know them (`subjectIds`). */
  subjectIds: string[];
  aboutWhom: string;
  wish: string;
  /** Flags that are wishes about the handling (to hear what was done), asked with the wish. */
  wishes: string[];
}

export function emptyIntake(
  definition: ProcedureDefinition,
  preset: Partial<Pick<IntakeValues, 'clientId' | 'receivedOn'>> = {},
): IntakeValues {
  const only = <T extends { id: string }>(list: readonly T[]) =>
    list.length === 1 ? list[0]!.id : '';
  return {
    clientId: preset.clientId ?? '',
    channel: '',
    receivedOn: preset.receivedOn ?? '',
    complainant: only(definition.eligibility.complainants),
    entry: only(definition.filing.entries),
    category: '',
    parts: [{ summary: '' }],
    eventDate: '',
    lastContactDate: '',
    flags: [],
    subjectIds: [],
    aboutWhom: '',
    wish: '',
    wishes: [],
  };
}

/**
 * The steps this procedure needs: a question with one possible answer is not asked, a confidant
 * or staff member first says for whom they file, and staff say how the complaint came in.
 */
export function intakeSteps(definition: ProcedureDefinition, filer: Filer): StepId[] {
  const steps: StepId[] = [];
  if (filer !== 'client') steps.push('client');
  if (filer === 'staff') steps.push('channel');
  if (definition.eligibility.complainants.length > 1) steps.push('complainant');
  if (definition.filing.entries.length > 1) steps.push('entry');
  if (definition.filing.categories.length > 0) steps.push('category');
  steps.push('parts', 'date', 'about', 'wish', 'attachments', 'check');
  return steps;
}

/**
 * The procedure's filing flags of one kind: circumstances are asked with "about whom", wishes
 * with "what do you want". A flag published before flags had a kind is a circumstance.
 */
export function filingFlags(definition: ProcedureDefinition, kind: 'circumstance' | 'wish') {
  return definition.filing.flags.filter((flag) => (flag.kind ?? 'circumstance') === kind);
}

/** The filing window of the chosen kind of complainant, if the procedure sets one. */
export function filingWindow(definition: ProcedureDefinition, complainant: string) {
  return definition.eligibility.complainants.find((c) => c.id === complainant)?.window;
}

/**
 * The last day of the window counted from a date, as the engine counts calendar units (working
 * days roughly: five a week). Only to tell the person beforehand; the engine decides and never
 * refuses a late complaint.
 */
export function windowEnds(
  from: string,
  duration: { amount: number; unit: 'days' | 'weeks' | 'months' | 'working-days' },
): string {
  const date = new Date(`${from}T00:00:00Z`);
  switch (duration.unit) {
    case 'days':
      date.setUTCDate(date.getUTCDate() + duration.amount);
      break;
    case 'weeks':
      date.setUTCDate(date.getUTCDate() + duration.amount * 7);
      break;
    case 'working-days':
      date.setUTCDate(date.getUTCDate() + Math.ceil((duration.amount * 7) / 5));
      break;
    case 'months': {
      const day = date.getUTCDate();
      date.setUTCDate(1);
      date.setUTCMonth(date.getUTCMonth() + duration.amount);
      const last = new Date(
        Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0),
      ).getUTCDate();
      date.setUTCDate(Math.min(day, last));
      break;
    }
  }
  return date.toISOString().slice(0, 10);
}

/** Whether a complaint filed today falls outside the window (the person is told, not stopped). */
export function outsideWindow(
  definition: ProcedureDefinition,
  values: Pick<IntakeValues, 'complainant' | 'eventDate' | 'lastContactDate'>,
  today: string,
): boolean {
  const window = filingWindow(definition, values.complainant);
  if (!window) return false;
  const from = window.from === 'event' ? values.eventDate : values.lastContactDate;
  if (!from) return false;
  return windowEnds(from, window.duration) < today;
}

/** The `fileComplaint` input for these answers. */
export function filingInput(values: IntakeValues) {
  return {
    complainant: values.complainant,
    ...(values.clientId ? { clientId: values.clientId } : {}),
    ...(values.channel ? { channel: values.channel } : {}),
    ...(values.receivedOn ? { receivedOn: values.receivedOn } : {}),
    ...(values.entry ? { entry: values.entry } : {}),
    ...(values.category ? { category: values.category } : {}),
    parts: values.parts
      .map((part) => part.summary.trim())
      .filter(Boolean)
      .map((summary) => ({ summary })),
    ...(values.eventDate ? { eventDate: values.eventDate } : {}),
    ...(values.lastContactDate ? { lastContactDate: values.lastContactDate } : {}),
    ...(values.flags.length + values.wishes.length > 0
      ? { flags: [...values.flags, ...values.wishes] }
      : {}),
    ...(values.subjectIds.length > 0 ? { subjectIds: values.subjectIds } : {}),
  };
}

/** The step that asks a field the API refused (its `extensions.fields` path). */
export function stepOfField(path: string): StepId | undefined {
  const field = path.split('.')[0];
  switch (field) {
    case 'clientId':
      return 'client';
    case 'channel':
    case 'receivedOn':
      return 'channel';
    case 'complainant':
    case 'entry':
    case 'category':
    case 'parts':
      return field;
    case 'eventDate':
    case 'lastContactDate':
      return 'date';
    case 'flags':
    case 'subjectIds':
      return 'about';
    default:
      return undefined;
  }
}
