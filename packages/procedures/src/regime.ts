import { formatDuration, maxCalendarDays, type Duration } from './calendar/duration.js';
import type {
  ActionDefinition,
  Participant,
  ProcedureDefinition,
  Regime,
} from './definition.schema.js';
import type { Finding } from './validate.js';

/** The minimums of a legal regime; a procedure may be stricter, never looser. */
export interface RegimeRules {
  label: { nl: string; en: string };
  /** Longest term for the written decision, counted from receipt. */
  decisionTerm?: Duration;
  /** Longer term allowed when an advisory committee advises (Awb 9:11 lid 1). */
  decisionTermWithAdvisory?: Duration;
  /** Longest single extension without consent, and who must get the notice. */
  extension?: { max: Duration; noticeTo: Participant[] };
  decisionNeedsMeasures: boolean;
  commission?: { minMembers: number; independentChair: boolean; hearsBothSides: boolean };
  /** The client has a right to an independent confidant who can support them in the procedure. */
  confidant: boolean;
  calamityReport: boolean;
}

/** The regimes as laid down in law (see seeds/README.md "Law that sits above them"). */
export const REGIME_RULES: Record<Regime, RegimeRules> = {
  wkkgz: {
    label: { nl: 'Wkkgz', en: 'Wkkgz (Healthcare Quality, Complaints and Disputes Act)' },
    decisionTerm: { amount: 6, unit: 'weeks' },
    extension: { max: { amount: 4, unit: 'weeks' }, noticeTo: ['client'] },
    decisionNeedsMeasures: true,
    confidant: false,
    calamityReport: false,
  },
  awb9: {
    label: { nl: 'Awb hoofdstuk 9', en: 'General Administrative Law Act, chapter 9' },
    decisionTerm: { amount: 6, unit: 'weeks' },
    decisionTermWithAdvisory: { amount: 10, unit: 'weeks' },
    extension: { max: { amount: 4, unit: 'weeks' }, noticeTo: ['client', 'subject'] },
    decisionNeedsMeasures: false,
    confidant: false,
    calamityReport: false,
  },
  jeugdwet: {
    label: { nl: 'Jeugdwet', en: 'Youth Act' },
    decisionTerm: { amount: 6, unit: 'weeks' },
    decisionNeedsMeasures: false,
    commission: { minMembers: 3, independentChair: true, hearsBothSides: true },
    confidant: true,
    calamityReport: false,
  },
  'wmo-own': {
    label: { nl: 'Wmo 2015 (eigen termijnen)', en: 'Social Support Act 2015 (own terms)' },
    decisionNeedsMeasures: false,
    confidant: false,
    calamityReport: true,
  },
};

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
  const internalStages = new Set(
    procedure.tracks.filter((t) => t.kind === 'internal').flatMap((t) => t.stages.map((s) => s.id)),
  );
  const decisionClocks = procedure.clocks
    .map((clock, index) => ({ clock, index }))
    .filter(({ clock }) => clock.purpose === 'decision');
  const decisionIds = new Set(decisionClocks.map(({ clock }) => clock.id));

  if (rules.decisionTerm) {
    const advisory = procedure.commissions.some((c) => c.advisory);
    const limit =
      advisory && rules.decisionTermWithAdvisory
        ? rules.decisionTermWithAdvisory
        : rules.decisionTerm;
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
    if (maxCalendarDays(rule.max) > maxCalendarDays(lawful.max)) {
      add(
        'regime-extension-too-long',
        `${path}.max`,
        `Clock "${clock.id}" may be extended by ${formatDuration(rule.max, 'en')}; ${name} allows at most ${formatDuration(lawful.max, 'en')} without consent.`,
      );
    }
    if (rule.maxWithoutConsent > 1) {
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
    if (required.hearsBothSides) {
      if (!procedure.actions.some(hearsBothSides)) {
        add(
          'regime-both-sides-not-heard',
          'actions',
          `${name} requires both sides to be heard: add a hearing action that requires the signed minutes of a hearing to which the client and the subject were invited ({ "kind": "minutes-signed", "meeting": "hearing", "invited": ["client", "subject"] }).`,
        );
      }
    }
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
  return findings;
}
