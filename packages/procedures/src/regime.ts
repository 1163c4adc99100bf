import { formatDuration, maxCalendarDays, type Duration } from './calendar/duration.js';
import type {
  ActionDefinition,
  AppealBody,
  Effect,
  Participant,
  ProcedureDefinition,
  Regime,
} from './definition.schema.js';
import type { Finding } from './validate.js';

/** The minimums of a legal regime; a procedure may be stricter, never looser (ADR 0031). */
export interface RegimeRules {
  label: { nl: string; en: string };
  /** Longest term for the written decision, counted from receipt. */
  decisionTerm?: Duration;
  /** Longer term allowed when an advisory committee advises (Awb 9:11 lid 1). */
  decisionTermWithAdvisory?: Duration;
  /**
   * Extending the decision term: the longest extension without consent (none: the law sets no
   * maximum), whether only once, and who must get the written notice before the term ends.
   */
  extension?: { max?: Duration; once: boolean; noticeTo: Participant[] };
  decisionNeedsMeasures: boolean;
  commission?: { minMembers: number; independentChair: boolean; hearsBothSides: boolean };
  /** The client has a right to an independent confidant who can support them in the procedure. */
  confidant: boolean;
  /** A calamity (and violence) must be reported to the supervisor without delay. */
  calamityReport: boolean;
  /** Where the client can go after the decision, and the shortest term the law leaves them. */
  appeal?: { body: AppealBody; minTerm: Duration };
  /** The person complained about is sent the complaint (Awb 9:9). */
  subjectGetsComplaint: boolean;
  /** Both the complainant and the person complained about are given a hearing. */
  hearsBothSides: boolean;
  /** The person complained about takes no part in handling or deciding the complaint. */
  subjectExcluded: boolean;
  /** After the commission's judgment the provider says, within this term, what it will do. */
  reactionToJudgment?: Duration;
}

/**
 * The regimes as laid down in law: the Wkkgz (Stb. 2015, 407), Awb chapter 9 and the Jeugdwet
 * (Stb. 2014, 105) as checked in ADR 0031, and the Wmo 2015, which leaves the terms to the
 * organisation.
 */
export const REGIME_RULES: Record<Regime, RegimeRules> = {
  wkkgz: {
    label: { nl: 'Wkkgz', en: 'Wkkgz (Healthcare Quality, Complaints and Disputes Act)' },
    // Art. 17: six weeks, once at most four weeks longer with written notice before the term ends.
    decisionTerm: { amount: 6, unit: 'weeks' },
    extension: { max: { amount: 4, unit: 'weeks' }, once: true, noticeTo: ['client'] },
    decisionNeedsMeasures: true,
    confidant: false,
    // Art. 11: calamities and violence reported to the inspectorate without delay.
    calamityReport: true,
    // Art. 18 and 21: a recognised geschilleninstantie; its rules give the client a year.
    appeal: { body: 'geschilleninstantie', minTerm: { amount: 12, unit: 'months' } },
    subjectGetsComplaint: false,
    hearsBothSides: false,
    subjectExcluded: false,
  },
  awb9: {
    label: { nl: 'Awb hoofdstuk 9', en: 'General Administrative Law Act, chapter 9' },
    decisionTerm: { amount: 6, unit: 'weeks' },
    decisionTermWithAdvisory: { amount: 10, unit: 'weeks' },
    extension: { max: { amount: 4, unit: 'weeks' }, once: true, noticeTo: ['client', 'subject'] },
    decisionNeedsMeasures: false,
    confidant: false,
    calamityReport: false,
    // 9:12 lid 2: the findings name the ombudsman and the term; 9:24: a year.
    appeal: { body: 'ombudsman', minTerm: { amount: 12, unit: 'months' } },
    subjectGetsComplaint: true,
    hearsBothSides: true,
    subjectExcluded: true,
  },
  jeugdwet: {
    label: { nl: 'Jeugdwet', en: 'Youth Act' },
    decisionTerm: { amount: 6, unit: 'weeks' },
    // 4.2.1 lid 2 onder d: deviating from the term with reasons, told to both sides, with the new term.
    extension: { once: false, noticeTo: ['client', 'subject'] },
    decisionNeedsMeasures: false,
    commission: { minMembers: 3, independentChair: true, hearsBothSides: true },
    confidant: true,
    // 4.1.8: calamities and violence reported to the supervisors without delay.
    calamityReport: true,
    subjectGetsComplaint: false,
    hearsBothSides: true,
    subjectExcluded: true,
    // 4.2.1 lid 5: within a month of the judgment, in writing, whether and which measures.
    reactionToJudgment: { amount: 1, unit: 'months' },
  },
  'wmo-own': {
    label: { nl: 'Wmo 2015 (eigen termijnen)', en: 'Social Support Act 2015 (own terms)' },
    decisionNeedsMeasures: false,
    confidant: false,
    calamityReport: true,
    subjectGetsComplaint: false,
    hearsBothSides: false,
    subjectExcluded: false,
  },
};

/**
 * The longest term the procedure's regime allows for the written decision, counted from receipt:
 * the longer one where an advisory committee advises (Awb 9:11 lid 1); undefined where the law
 * leaves the term to the organisation (Wmo).
 */
export function legalDecisionTerm(procedure: ProcedureDefinition): Duration | undefined {
  const rules = REGIME_RULES[procedure.regime];
  const advisory = procedure.commissions.some((c) => c.advisory);
  return advisory && rules.decisionTermWithAdvisory
    ? rules.decisionTermWithAdvisory
    : rules.decisionTerm;
}

/** A step that records a judgment (not an advice) on the complaint. */
function decides(action: ActionDefinition): boolean {
  return (
    action.decision || action.effects.some((e: Effect) => e.kind === 'set-outcomes' && !e.advisory)
  );
}

/** A step that rests on the signed minutes of a hearing to which both sides were invited. */
export function hearsBothSides(action: ActionDefinition): boolean {
  return action.requires.some(
    (r) =>
      r.kind === 'minutes-signed' &&
      r.meeting === 'hearing' &&
      r.invited.includes('client') &&
      r.invited.includes('subject'),
  );
}

/**
 * Checks a structurally sound procedure against its regime's minimums: a decision clock started at
 * filing and no longer than the law allows, extensions at most once and no longer than allowed with
 * notice before the deadline to the right people, further only with consent, a written reasoned
 * decision per complaint part, and (Jeugdwet) a commission of at least three with an independent
 * chair that hears both sides, and a confidant who can act for the client; (Wmo) a way to report a
 * calamity.
 */
export function regimeFindings(procedure: ProcedureDefinition): Finding[] {
  const rules = REGIME_RULES[procedure.regime];
  const findings: Finding[] = [];
  const name = rules.label.en;
  const add = (code: Finding['code'], path: string, message: string): void => {
    findings.push({ code, severity: 'error', path, message });
  };
  // Informal handling (talking it over with the contact person) comes before the complaint the
  // legal term counts from: only formal internal stages need the decision clock from the entry.
  const internalStages = new Set(
    procedure.tracks
      .filter((t) => t.kind === 'internal')
      .flatMap((t) => t.stages.filter((s) => !s.informal).map((s) => s.id)),
  );
  const finalStages = new Set(
    procedure.tracks.flatMap((t) => t.stages.filter((s) => s.final).map((s) => s.id)),
  );
  const decisionClocks = procedure.clocks
    .map((clock, index) => ({ clock, index }))
    .filter(({ clock }) => clock.purpose === 'decision');
  const decisionIds = new Set(decisionClocks.map(({ clock }) => clock.id));

  const limit = legalDecisionTerm(procedure);
  if (limit) {
    if (decisionClocks.length === 0) {
      add(
        'regime-no-decision-clock',
        'clocks',
        `${name} requires a written decision within ${formatDuration(limit, 'en')} of receipt: add a clock with purpose "decision" and start it at filing.`,
      );
    }
    procedure.filing.entries.forEach((entry, e) => {
      const internal = entry.enter.some((s) => internalStages.has(s));
      if (internal && !entry.startClocks.some((c) => decisionIds.has(c))) {
        add(
          'regime-no-decision-clock',
          `filing.entries[${e}].startClocks`,
          `Entry "${entry.id}" starts internal handling but not the decision clock; ${name} counts the ${formatDuration(limit, 'en')} from receipt.`,
        );
      }
    });
    // A case that reaches formal handling later (from the contact person, or from an external
    // route) is received then: the step that brings it there starts the term.
    procedure.actions.forEach((action, a) => {
      const fromOutside = action.from.every((s) => s !== '*' && !internalStages.has(s));
      const entersFormal = action.effects.some(
        (e) =>
          (e.kind === 'move' || e.kind === 'refer') &&
          e.when === undefined &&
          internalStages.has(e.to) &&
          !finalStages.has(e.to),
      );
      const starts = action.effects.some(
        (e) => e.kind === 'start-clock' && decisionIds.has(e.clock),
      );
      if (fromOutside && entersFormal && !starts) {
        add(
          'regime-no-decision-clock',
          `actions[${a}].effects`,
          `"${action.id}" brings the case from informal or external handling to the formal complaint procedure but does not start the decision clock; ${name} counts the ${formatDuration(limit, 'en')} from receipt of the complaint.`,
        );
      }
    });
    for (const { clock, index } of decisionClocks) {
      if (maxCalendarDays(clock.duration) > maxCalendarDays(limit)) {
        add(
          'regime-decision-term-too-long',
          `clocks[${index}].duration`,
          `Decision clock "${clock.id}" runs ${formatDuration(clock.duration, 'en')}; ${name} allows at most ${formatDuration(limit, 'en')}.`,
        );
      }
    }
  }

  for (const { clock, index } of decisionClocks) {
    const rule = clock.extension;
    if (!rule) continue; // Not extending at all is stricter than the law.
    const path = `clocks[${index}].extension`;
    const lawful = rules.extension;
    if (!lawful) {
      if (rules.decisionTerm) {
        add(
          'regime-extension-too-long',
          path,
          `${name} does not allow extending the decision term.`,
        );
      }
      continue;
    }
    if (lawful.max && maxCalendarDays(rule.max) > maxCalendarDays(lawful.max)) {
      add(
        'regime-extension-too-long',
        `${path}.max`,
        `Clock "${clock.id}" may be extended by ${formatDuration(rule.max, 'en')}; ${name} allows at most ${formatDuration(lawful.max, 'en')} without consent.`,
      );
    }
    if (lawful.once && rule.maxWithoutConsent > 1) {
      add(
        'regime-too-many-extensions',
        `${path}.maxWithoutConsent`,
        `Clock "${clock.id}" may be extended ${rule.maxWithoutConsent} times without consent; ${name} allows once.`,
      );
    }
    if (!rule.noticeRequired) {
      add(
        'regime-extension-without-notice',
        `${path}.noticeRequired`,
        `${name} requires written notice of an extension before the deadline.`,
      );
    } else {
      const missing = lawful.noticeTo.filter((p) => !rule.noticeTo.includes(p));
      if (missing.length > 0) {
        add(
          'regime-extension-notice-recipients',
          `${path}.noticeTo`,
          `${name} requires the notice of extension to go to ${lawful.noticeTo.join(' and ')}; missing: ${missing.join(', ')}.`,
        );
      }
    }
    if (!rule.furtherWithConsent && rule.maxWithoutConsent === 0) {
      add(
        'regime-extension-without-consent-rule',
        path,
        `Clock "${clock.id}" allows no extension at all; remove the rule instead, or allow further extension with consent.`,
      );
    }
  }

  if (rules.decisionTerm) {
    const decisions = procedure.actions
      .map((action, index) => ({ action, index }))
      .filter(({ action }) => action.decision);
    if (decisions.length === 0) {
      add(
        'regime-no-decision-action',
        'actions',
        `${name} requires a written, reasoned decision: mark the deciding action with "decision": true.`,
      );
    }
    for (const { action, index } of decisions) {
      const path = `actions[${index}]`;
      const outcomes = action.effects.some((e) => e.kind === 'set-outcomes' && !e.advisory);
      const stops = action.effects.some((e) => e.kind === 'stop-clock' && decisionIds.has(e.clock));
      if (!outcomes || !stops) {
        add(
          'regime-no-decision-action',
          path,
          `Decision "${action.id}" must set an outcome per complaint part and stop the decision clock.`,
        );
      }
      if (!action.inputs.some((i) => i.kind === 'motivation')) {
        add(
          'regime-decision-not-reasoned',
          `${path}.inputs`,
          `${name} requires a reasoned decision: "${action.id}" needs a motivation input.`,
        );
      }
      if (rules.decisionNeedsMeasures && !action.inputs.some((i) => i.kind === 'measures')) {
        add(
          'regime-decision-without-measures',
          `${path}.inputs`,
          `${name} requires the decision to name the measures and their term: "${action.id}" needs a measures input.`,
        );
      }
    }
  }

  if (rules.commission) {
    const required = rules.commission;
    if (procedure.commissions.length === 0) {
      add(
        'regime-commission-too-small',
        'commissions',
        `${name} requires a complaints commission of at least ${required.minMembers} members.`,
      );
    }
    procedure.commissions.forEach((commission, c) => {
      const path = `commissions[${c}]`;
      if (commission.minMembers < required.minMembers) {
        add(
          'regime-commission-too-small',
          `${path}.minMembers`,
          `Commission "${commission.id}" has ${commission.minMembers} members at least; ${name} requires ${required.minMembers}.`,
        );
      }
      if (required.independentChair && !commission.independentChair) {
        add(
          'regime-commission-chair-not-independent',
          `${path}.independentChair`,
          `${name} requires commission "${commission.id}" to have an independent chair.`,
        );
      }
      if (required.hearsBothSides && !commission.hearsBothSides) {
        add(
          'regime-both-sides-not-heard',
          `${path}.hearsBothSides`,
          `${name} requires commission "${commission.id}" to hear both the complainant and the person complained about.`,
        );
      }
    });
  }

  if (rules.confidant) {
    const supports = procedure.actions.some((a) => a.by.some((p) => p.role === 'confidant'));
    if (!procedure.roles.includes('confidant') || !supports) {
      add(
        'regime-no-confidant',
        'roles',
        `${name} gives the client a right to an independent confidant: add the role "confidant" and let it act for the client (e.g. file or withdraw with the "submit" grant).`,
      );
    }
  }

  if (rules.calamityReport) {
    const reports = procedure.actions.some(
      (a) =>
        a.from.includes('*') &&
        a.effects.some((e) => e.kind === 'set-flag' && e.flag === 'calamiteit' && e.value),
    );
    if (!reports) {
      add(
        'regime-no-calamity-report',
        'actions',
        `${name}: a complaint may reveal a calamity that must be reported without delay; add an action available in every stage ("from": ["*"]) that sets the flag "calamiteit".`,
      );
    }
  }
  const decisions = procedure.actions
    .map((action, index) => ({ action, index }))
    .filter(({ action }) => decides(action));

  if (rules.appeal) {
    const required = rules.appeal;
    const appeal = procedure.appeal;
    const body =
      required.body === 'geschilleninstantie' ? 'the geschilleninstantie' : 'the ombudsman';
    if (!appeal || appeal.body !== required.body) {
      add(
        'regime-no-appeal-route',
        'appeal',
        `${name}: every decision letter names the route to ${body} and its term; add "appeal": { "body": "${required.body}", "name", "term" }.`,
      );
    } else if (maxCalendarDays(appeal.term) < maxCalendarDays(required.minTerm)) {
      add(
        'regime-no-appeal-route',
        'appeal.term',
        `${name} leaves the client ${formatDuration(required.minTerm, 'en')} to turn to ${body}; the procedure says ${formatDuration(appeal.term, 'en')}.`,
      );
    }
  }

  if (rules.subjectGetsComplaint) {
    const informs = procedure.actions.some(
      (a) =>
        !decides(a) &&
        (a.effects.some((e) => e.kind === 'notify' && e.to.includes('subject')) ||
          a.requires.some((r) => r.kind === 'letter-sent' && r.to.includes('subject'))),
    );
    if (!informs) {
      add(
        'regime-subject-not-informed',
        'actions',
        `${name} (Awb 9:9): the person complained about is sent the complaint; add a step before the decision that notifies (or writes to) the "subject".`,
      );
    }
  }

  if (rules.hearsBothSides) {
    if (!procedure.actions.some(hearsBothSides)) {
      add(
        'regime-both-sides-not-heard',
        'actions',
        `${name} gives both the complainant and the person complained about a hearing: add a step that requires the signed minutes of a hearing to which both were invited ({ "kind": "minutes-signed", "meeting": "hearing", "invited": ["client", "subject"] }).`,
      );
    }
    procedure.actions.forEach((action, a) =>
      action.requires.forEach((requirement, r) => {
        if (requirement.kind !== 'minutes-signed' || requirement.meeting !== 'hearing') return;
        // A hearing without the subject is lawful only for a complaint about no one: as the
        // alternative, under the opposite value of the same flag, of a hearing that invites them.
        const when = requirement.when;
        const alternativeOf =
          when !== undefined &&
          action.requires.some(
            (other) =>
              other !== requirement &&
              other.kind === 'minutes-signed' &&
              other.meeting === 'hearing' &&
              other.when?.flag === when.flag &&
              other.when.equals !== when.equals &&
              other.invited.includes('client') &&
              other.invited.includes('subject'),
          );
        const sides: Participant[] = alternativeOf ? ['client'] : ['client', 'subject'];
        const missing = sides.filter((p) => !requirement.invited.includes(p));
        if (missing.length > 0) {
          add(
            'regime-both-sides-not-heard',
            `actions[${a}].requires[${r}].invited`,
            `Hearing of "${action.id}" does not invite ${missing.join(' and ')}: ${name} hears both sides.`,
          );
        }
      }),
    );
  }

  if (rules.subjectExcluded) {
    for (const { action, index } of decisions) {
      const i = action.by.findIndex((p) => p.relationship === 'subject');
      if (i >= 0) {
        add(
          'regime-subject-decides',
          `actions[${index}].by[${i}]`,
          `${name}: the person complained about takes no part in deciding the complaint; "${action.id}" lets them.`,
        );
      }
    }
  }

  if (rules.reactionToJudgment) {
    const term = rules.reactionToJudgment;
    const clocks = new Map(procedure.clocks.map((c) => [c.id, c]));
    const stageOf = new Map(
      procedure.tracks.flatMap((t) => t.stages.map((st) => [st.id, st] as const)),
    );
    for (const { action, index } of decisions) {
      if (!action.by.some((p) => p.role === 'commission')) continue;
      const next = action.effects.flatMap((e) => (e.kind === 'move' ? [e.to] : []));
      const waits = next.filter((id) => stageOf.get(id)?.final === false);
      const timed = action.effects.some(
        (e) =>
          e.kind === 'start-clock' &&
          maxCalendarDays(clocks.get(e.clock)?.duration ?? term) <= maxCalendarDays(term),
      );
      const reacts = procedure.actions.some(
        (a) =>
          a.from.some((s) => waits.includes(s)) &&
          !a.by.some((p) => p.role === 'commission') &&
          a.inputs.some((i) => i.kind === 'measures' || i.kind === 'motivation'),
      );
      if (waits.length === 0 || !timed || !reacts) {
        add(
          'regime-no-reaction-to-judgment',
          `actions[${index}]`,
          `${name}: after the commission's judgment "${action.id}" the organisation tells the client and the commission within ${formatDuration(term, 'en')}, in writing, whether and which measures it takes; add a stage for that reaction, a clock of at most ${formatDuration(term, 'en')} started by the judgment, and the reaction step (measures, or none with reasons).`,
        );
      }
    }
  }
  return findings;
}
