import { formatDuration } from './calendar/duration.js';
import type {
  ActionDefinition,
  ClockDefinition,
  Effect,
  InputDefinition,
  Permission,
  ProcedureDefinition,
  Role,
} from './definition.schema.js';
import { ROLES } from './definition.schema.js';
import { REGIME_RULES } from './regime.js';

type Lang = 'nl' | 'en';

const ROLE_NAMES: Record<Role, { nl: string; en: string }> = {
  client: { nl: 'cliënt', en: 'client' },
  confidant: { nl: 'vertrouwenspersoon', en: 'confidant' },
  handler: { nl: 'behandelaar', en: 'handler' },
  manager: { nl: 'leidinggevende', en: 'manager' },
  director: { nl: 'directie/bestuur', en: 'director/board' },
  commission: { nl: 'commissie', en: 'commission' },
};

const RELATIONSHIP_NAMES: Record<string, { nl: string; en: string }> = {
  client: { nl: 'zelf de klager', en: 'the complainant' },
  confidant: { nl: 'van deze cliënt', en: 'of this client' },
  'assigned-handler': { nl: 'toegewezen', en: 'assigned' },
  subject: { nl: 'over wie geklaagd wordt', en: 'complained about' },
  'referred-commission': { nl: 'waarnaar verwezen is', en: 'referred to' },
};

const INPUT_NAMES: Record<InputDefinition['kind'], { nl: string; en: string }> = {
  text: { nl: 'tekst', en: 'text' },
  motivation: { nl: 'motivering', en: 'motivation' },
  date: { nl: 'datum', en: 'date' },
  choice: { nl: 'keuze', en: 'choice' },
  'complaint-parts': { nl: 'uitkomst per klachtonderdeel', en: 'outcome per complaint part' },
  'sign-off': { nl: 'ondertekening', en: 'sign-off' },
  documents: { nl: 'documenten', en: 'documents' },
  measures: { nl: 'maatregelen', en: 'measures' },
  participants: { nl: 'personen', en: 'people' },
  extension: { nl: 'verlenging met reden', en: 'extension with its reason' },
  'member-approval': {
    nl: 'goedkeuring van een commissielid',
    en: 'approval of a commission member',
  },
};

function who(p: Permission, lang: Lang): string {
  const parts = [ROLE_NAMES[p.role][lang]];
  if (p.relationship) parts.push(RELATIONSHIP_NAMES[p.relationship]?.[lang] ?? p.relationship);
  if (p.grant) parts.push(lang === 'nl' ? `met recht "${p.grant}"` : `with grant "${p.grant}"`);
  return parts.join(' ');
}

function stageLabel(procedure: ProcedureDefinition, id: string, lang: Lang): string {
  for (const track of procedure.tracks) {
    const stage = track.stages.find((s) => s.id === id);
    if (stage) return stage.label[lang];
  }
  return id;
}

function effectWords(
  procedure: ProcedureDefinition,
  effect: Effect,
  lang: Lang,
): string | undefined {
  const nl = lang === 'nl';
  const clock = (id: string): string =>
    procedure.clocks.find((c) => c.id === id)?.label[lang] ?? id;
  switch (effect.kind) {
    case 'move':
      return `${nl ? 'naar' : 'to'} "${stageLabel(procedure, effect.to, lang)}"`;
    case 'refer':
      return `${nl ? 'verwijzen naar' : 'refer to'} ${procedure.commissions.find((c) => c.id === effect.commission)?.label[lang] ?? effect.commission}`;
    case 'start-clock':
      return `${nl ? 'start termijn' : 'starts term'} "${clock(effect.clock)}"`;
    case 'stop-clock':
      return `${nl ? 'stopt termijn' : 'stops term'} "${clock(effect.clock)}"`;
    case 'suspend-clock':
      return `${nl ? 'schort termijn op' : 'suspends term'} "${clock(effect.clock)}"`;
    case 'resume-clock':
      return `${nl ? 'hervat termijn' : 'resumes term'} "${clock(effect.clock)}"`;
    case 'extend-clock':
      return `${nl ? 'verlengt termijn' : 'extends term'} "${clock(effect.clock)}"`;
    case 'close-case':
      return nl ? 'sluit de zaak' : 'closes the case';
    case 'set-outcomes':
      if (effect.advisory) return nl ? 'legt het advies vast' : 'records the advice';
      return nl ? 'legt de uitkomst vast' : 'records the outcome';
    case 'set-all-outcomes':
      return nl ? 'legt de uitkomst vast' : 'records the outcome';
    case 'record-measures':
      return nl ? 'legt maatregelen vast' : 'records measures';
    case 'notify':
      return `${nl ? 'bericht aan' : 'notifies'} ${effect.to.join(', ')}`;
    case 'decide-admissibility':
      return nl ? 'beslist over ontvankelijkheid' : 'decides admissibility';
    case 'end-track':
    case 'end-referral':
    case 'create-task':
    case 'set-flag':
      return undefined;
  }
}

/** A clock in plain words: term, reminders, extension rule and what happens on expiry. */
export function explainClock(
  procedure: ProcedureDefinition,
  clock: ClockDefinition,
  lang: Lang,
): string {
  const nl = lang === 'nl';
  const parts = [`${clock.label[lang]}: ${formatDuration(clock.duration, lang)}`];
  if (clock.endOnWorkingDay) {
    parts.push(
      nl
        ? 'eindigt niet in een weekend of op een feestdag'
        : 'never ends on a weekend day or holiday',
    );
  }
  if (clock.reminders.length > 0) {
    const when = clock.reminders.map((r) => formatDuration(r, lang)).join(nl ? ' en ' : ' and ');
    const many = clock.reminders.length > 1;
    parts.push(
      nl
        ? `${many ? 'herinneringen' : 'herinnering'} ${when} vooraf`
        : `${many ? 'reminders' : 'reminder'} ${when} before`,
    );
  }
  if (clock.extension) {
    const e = clock.extension;
    const times = e.maxWithoutConsent === 1 ? (nl ? 'eenmaal' : 'once') : `${e.maxWithoutConsent}×`;
    parts.push(
      nl
        ? `${times} te verlengen met hoogstens ${formatDuration(e.max, lang)}${e.noticeRequired ? ` mits vóór de einddatum bericht is gestuurd aan ${e.noticeTo.join(' en ')}` : ''}${e.furtherWithConsent ? '; verder alleen met toestemming van de cliënt' : ''}`
        : `can be extended ${times} by at most ${formatDuration(e.max, lang)}${e.noticeRequired ? ` with notice to ${e.noticeTo.join(' and ')} before the due date` : ''}${e.furtherWithConsent ? '; further only with the client’s consent' : ''}`,
    );
  }
  if (clock.suspendable) parts.push(nl ? 'kan worden opgeschort' : 'can be suspended');
  const onExpiry = clock.onExpiry
    .map((e) => effectWords(procedure, e, lang))
    .filter((w) => w !== undefined);
  if (onExpiry.length > 0)
    parts.push(`${nl ? 'bij verstrijken' : 'on expiry'}: ${onExpiry.join(', ')}`);
  return parts.join('; ');
}

function actionLine(procedure: ProcedureDefinition, action: ActionDefinition, lang: Lang): string {
  const nl = lang === 'nl';
  const inputs = action.inputs.map((i) => `${i.label[lang]} (${INPUT_NAMES[i.kind][lang]})`);
  const effects = action.effects
    .map((e) => effectWords(procedure, e, lang))
    .filter((w) => w !== undefined);
  const whoText = action.by.map((p) => who(p, lang)).join(nl ? ' of ' : ' or ');
  let line = `- ${action.label[lang]} — ${whoText}`;
  if (inputs.length > 0) line += `; ${nl ? 'vraagt' : 'asks for'}: ${inputs.join(', ')}`;
  if (effects.length > 0) line += `; ${effects.join(', ')}`;
  return line;
}

/**
 * A procedure in plain words for its authors: regime, who may complain and when, the stages of each
 * track with their actions, the actions grouped by role, and every clock.
 */
export function explainProcedure(procedure: ProcedureDefinition, lang: Lang): string {
  const nl = lang === 'nl';
  const out: string[] = [];
  out.push(`# ${procedure.label[lang]} (${nl ? 'versie' : 'version'} ${procedure.version})`);
  if (procedure.description) out.push('', procedure.description[lang]);
  out.push(
    '',
    `${nl ? 'Wettelijk kader' : 'Legal regime'}: ${REGIME_RULES[procedure.regime].label[lang]}`,
  );

  out.push('', `## ${nl ? 'Wie kan klagen' : 'Who may complain'}`);
  for (const c of procedure.eligibility.complainants) {
    const window = c.window
      ? nl
        ? ` — binnen ${formatDuration(c.window.duration, lang)} na ${c.window.from === 'event' ? 'de gebeurtenis' : 'het laatste contact'}`
        : ` — within ${formatDuration(c.window.duration, lang)} of ${c.window.from === 'event' ? 'the event' : 'the last contact'}`
      : '';
    out.push(`- ${c.label[lang]}${window}`);
  }
  out.push(
    nl
      ? 'Een klacht buiten de termijn of van iemand die niet genoemd is, wordt nooit stil afgewezen: er volgt een waarschuwing en een gemotiveerde beslissing.'
      : 'A complaint out of time or from someone not listed is never silently rejected: it gets a warning and a reasoned decision.',
  );

  out.push('', `## ${nl ? 'Ingangen' : 'Ways in'}`);
  for (const entry of procedure.filing.entries) {
    out.push(
      `- ${entry.label[lang]}: ${entry.enter.map((s) => stageLabel(procedure, s, lang)).join(', ')}`,
    );
  }

  for (const track of procedure.tracks) {
    out.push(
      '',
      `## ${nl ? 'Spoor' : 'Track'}: ${track.label[lang]} (${track.kind === 'internal' ? (nl ? 'intern' : 'internal') : nl ? 'extern' : 'external'})`,
    );
    for (const stage of track.stages) {
      out.push('', `### ${stage.label[lang]}${stage.final ? (nl ? ' (einde)' : ' (end)') : ''}`);
      if (stage.description) out.push(stage.description[lang]);
      for (const action of procedure.actions.filter((a) => a.from.includes(stage.id))) {
        out.push(actionLine(procedure, action, lang));
      }
    }
  }
  const anywhere = procedure.actions.filter((a) => a.from.includes('*'));
  if (anywhere.length > 0) {
    out.push('', `## ${nl ? 'In elke fase' : 'In every stage'}`);
    for (const action of anywhere) out.push(actionLine(procedure, action, lang));
  }

  out.push('', `## ${nl ? 'Handelingen per rol' : 'Actions by role'}`);
  for (const role of ROLES) {
    const actions = procedure.actions.filter((a) => a.by.some((p) => p.role === role));
    if (actions.length === 0) continue;
    out.push(`- ${ROLE_NAMES[role][lang]}: ${actions.map((a) => a.label[lang]).join(', ')}`);
  }
  out.push(
    nl
      ? '- Wie het onderwerp van de klacht is, behandelt haar nooit.'
      : '- The person complained about never handles the complaint.',
  );

  out.push('', `## ${nl ? 'Termijnen' : 'Terms'}`);
  if (procedure.clocks.length === 0) out.push(nl ? 'Geen vaste termijnen.' : 'No fixed terms.');
  for (const clock of procedure.clocks) out.push(`- ${explainClock(procedure, clock, lang)}`);

  if (procedure.notes.length > 0) {
    out.push('', `## ${nl ? 'Keuzes bij het opstellen' : 'Authoring decisions'}`);
    for (const note of procedure.notes) out.push(`- ${note[lang]}`);
  }
  return `${out.join('\n')}\n`;
}
