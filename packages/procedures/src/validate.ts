import type { z } from 'zod';
import {
  ProcedureSchema,
  ROLES,
  type ActionDefinition,
  type Effect,
  type InputDefinition,
  type Label,
  type Permission,
  type ProcedureDefinition,
  type SimpleGuard,
} from './definition.schema.js';
import { regimeFindings } from './regime.js';

/** Finding codes: what can be wrong with a procedure definition. */
export const FINDING_CODES = [
  'schema',
  'unknown-role',
  'duplicate-id',
  'unknown-stage',
  'unknown-track',
  'unknown-clock',
  'unknown-input',
  'unknown-commission',
  'unknown-option',
  'input-kind-mismatch',
  'entry-enters-track-twice',
  'role-not-in-procedure',
  'action-nobody-may-take',
  'action-never-available',
  'unreachable-stage',
  'dead-end',
  'no-outcome-path',
  'clock-never-started',
  'clock-not-suspendable',
  'clock-not-extendable',
  'expiry-uses-input',
  'flag-never-set',
  'admissibility-action-invalid',
  'claim-not-fact',
  'position-not-director',
  'no-responsible',
  'regime-no-decision-clock',
  'regime-decision-term-too-long',
  'regime-extension-too-long',
  'regime-extension-without-notice',
  'regime-extension-notice-recipients',
  'regime-too-many-extensions',
  'regime-extension-without-consent-rule',
  'regime-no-decision-action',
  'regime-decision-not-reasoned',
  'regime-decision-without-measures',
  'regime-commission-too-small',
  'regime-commission-chair-not-independent',
  'regime-both-sides-not-heard',
  'regime-no-confidant',
  'regime-no-calamity-report',
  'regime-no-appeal-route',
  'regime-subject-not-informed',
  'regime-subject-decides',
  'regime-no-reaction-to-judgment',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One problem in a procedure definition. `path` points into the JSON, e.g. `actions[2].by[0].role`. */
export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  path: string;
  message: string;
}

export interface ValidationResult {
  /** True when there are no errors (warnings do not block publishing). */
  valid: boolean;
  findings: Finding[];
  /** The parsed procedure (defaults filled in) when the schema accepted it. */
  procedure?: ProcedureDefinition;
}

/** Thrown by {@link parseProcedure} for a definition with errors. */
export class ProcedureInvalidError extends Error {
  constructor(readonly findings: Finding[]) {
    super(
      `Invalid procedure:\n${findings
        .filter((f) => f.severity === 'error')
        .map((f) => `  ${f.code} at ${f.path}: ${f.message}`)
        .join('\n')}`,
    );
    this.name = 'ProcedureInvalidError';
  }
}

/** Formats a zod path as `actions[2].by[0].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function schemaFinding(issue: z.core.$ZodIssue): Finding {
  const path = formatPath(issue.path);
  const last = issue.path[issue.path.length - 1];
  const parent = issue.path[issue.path.length - 2];
  const aboutRole = last === 'role' || parent === 'roles' || last === 'for';
  if (issue.code === 'invalid_value' && aboutRole) {
    return {
      code: 'unknown-role',
      severity: 'error',
      path,
      message: `Unknown role. Use one of: ${ROLES.join(', ')}.`,
    };
  }
  return { code: 'schema', severity: 'error', path, message: issue.message };
}

/**
 * Validates a procedure definition: schema errors with paths, then structural checks (unknown
 * references, roles the organisation does not use, unreachable stages, dead ends, stages that can
 * never reach an outcome, actions nobody may take) and the legal regime's minimums.
 *
 * @param json the definition as parsed JSON (untrusted)
 */
export function validateProcedure(json: unknown): ValidationResult {
  const parsed = ProcedureSchema.safeParse(json);
  if (!parsed.success) {
    return { valid: false, findings: parsed.error.issues.map(schemaFinding) };
  }
  const procedure = parsed.data;
  const structural = structuralFindings(procedure);
  // Regime checks read references (clocks, actions) the structural pass has vouched for.
  const findings = structural.some((f) => f.severity === 'error' && isReferenceCode(f.code))
    ? structural
    : [...structural, ...regimeFindings(procedure)];
  return { valid: !findings.some((f) => f.severity === 'error'), findings, procedure };
}

/**
 * Parses and validates a definition, throwing {@link ProcedureInvalidError} when it has errors.
 * Use this where a procedure is taken into use: templates, and a definition about to be published.
 */
export function parseProcedure(json: unknown): ProcedureDefinition {
  const result = validateProcedure(json);
  if (!result.valid || !result.procedure) throw new ProcedureInvalidError(result.findings);
  return result.procedure;
}

/**
 * Loads a definition that was published before, to run the cases filed under it. A newer engine
 * may find more wrong with it (a stricter regime check, a claim it no longer believes), but its
 * cases must go on: only what the engine cannot run on throws (schema and reference errors).
 */
export function loadProcedure(json: unknown): ProcedureDefinition {
  const parsed = ProcedureSchema.safeParse(json);
  if (!parsed.success) throw new ProcedureInvalidError(parsed.error.issues.map(schemaFinding));
  const blocking = structuralFindings(parsed.data).filter(
    (f) => f.severity === 'error' && isReferenceCode(f.code),
  );
  if (blocking.length > 0) throw new ProcedureInvalidError(blocking);
  return parsed.data;
}

function isReferenceCode(code: FindingCode): boolean {
  return code.startsWith('unknown-') || code === 'duplicate-id' || code === 'input-kind-mismatch';
}

function labelOf(label: Label): string {
  return `"${label.en}"`;
}

/** Structural checks on a schema-valid procedure. Exported for tests of single rules. */
export function structuralFindings(procedure: ProcedureDefinition): Finding[] {
  const findings: Finding[] = [];
  const add = (
    code: FindingCode,
    path: string,
    message: string,
    severity: Finding['severity'] = 'error',
  ): void => {
    findings.push({ code, severity, path, message });
  };

  // --- ids are unique ---------------------------------------------------------------------
  const stageTrack = new Map<string, string>();
  const finalStages = new Set<string>();
  const checkUnique = (items: { id: string }[], path: string, what: string): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        add('duplicate-id', `${path}[${i}].id`, `The ${what} id "${item.id}" is used twice.`);
      seen.add(item.id);
    });
  };
  checkUnique(procedure.tracks, 'tracks', 'track');
  checkUnique(procedure.actions, 'actions', 'action');
  checkUnique(procedure.clocks, 'clocks', 'clock');
  checkUnique(procedure.commissions, 'commissions', 'commission');
  checkUnique(procedure.filing.entries, 'filing.entries', 'entry');
  checkUnique(procedure.filing.categories, 'filing.categories', 'category');
  checkUnique(procedure.filing.flags, 'filing.flags', 'flag');
  checkUnique(procedure.eligibility.complainants, 'eligibility.complainants', 'complainant');
  procedure.tracks.forEach((track, t) => {
    track.stages.forEach((stage, s) => {
      if (stageTrack.has(stage.id)) {
        add(
          'duplicate-id',
          `tracks[${t}].stages[${s}].id`,
          `The stage id "${stage.id}" is used twice; stage ids are unique across tracks.`,
        );
      }
      stageTrack.set(stage.id, track.id);
      if (stage.final) finalStages.add(stage.id);
    });
  });
  procedure.actions.forEach((action, a) =>
    checkUnique(action.inputs, `actions[${a}].inputs`, 'input'),
  );

  const clocks = new Map(procedure.clocks.map((c) => [c.id, c]));
  const tracks = new Set(procedure.tracks.map((t) => t.id));
  const commissions = new Set(procedure.commissions.map((c) => c.id));
  const stageExists = (id: string, path: string): boolean => {
    if (stageTrack.has(id)) return true;
    add(
      'unknown-stage',
      path,
      `No stage "${id}". Known stages: ${[...stageTrack.keys()].join(', ')}.`,
    );
    return false;
  };
  const clockExists = (id: string, path: string): boolean => {
    if (clocks.has(id)) return true;
    add(
      'unknown-clock',
      path,
      `No clock "${id}". Known clocks: ${[...clocks.keys()].join(', ') || 'none'}.`,
    );
    return false;
  };

  // --- filing and eligibility ---------------------------------------------------------------
  procedure.filing.entries.forEach((entry, e) => {
    const entered = new Set<string>();
    entry.enter.forEach((stage, s) => {
      if (!stageExists(stage, `filing.entries[${e}].enter[${s}]`)) return;
      const track = stageTrack.get(stage) ?? '';
      if (entered.has(track))
        add(
          'entry-enters-track-twice',
          `filing.entries[${e}].enter[${s}]`,
          `Entry "${entry.id}" enters track "${track}" twice.`,
        );
      entered.add(track);
    });
    entry.startClocks.forEach((clock, c) =>
      clockExists(clock, `filing.entries[${e}].startClocks[${c}]`),
    );
    if (entry.refer !== undefined && !procedure.commissions.some((c) => c.id === entry.refer)) {
      add('unknown-commission', `filing.entries[${e}].refer`, `No commission "${entry.refer}".`);
    }
  });

  procedure.filing.categoryNotices.forEach((notice, n) => {
    if (!procedure.filing.categories.some((c) => c.id === notice.category)) {
      add(
        'unknown-option',
        `filing.categoryNotices[${n}].category`,
        `No category "${notice.category}".`,
      );
    }
  });

  const flagsSet = new Set(procedure.filing.flags.map((f) => f.id));
  const everyEffect = (
    visit: (effect: Effect, path: string, action?: ActionDefinition) => void,
  ): void => {
    procedure.actions.forEach((action, a) =>
      action.effects.forEach((effect, i) => visit(effect, `actions[${a}].effects[${i}]`, action)),
    );
    procedure.clocks.forEach((clock, c) =>
      clock.onExpiry.forEach((effect, i) => visit(effect, `clocks[${c}].onExpiry[${i}]`)),
    );
  };
  everyEffect((effect) => {
    if (effect.kind === 'set-flag') flagsSet.add(effect.flag);
  });

  // --- actions ------------------------------------------------------------------------------
  const expectInput = (
    action: ActionDefinition,
    id: string,
    kinds: InputDefinition['kind'][],
    path: string,
  ): InputDefinition | undefined => {
    const input = action.inputs.find((i) => i.id === id);
    if (!input) {
      add('unknown-input', path, `Action "${action.id}" has no input "${id}".`);
      return undefined;
    }
    if (!kinds.includes(input.kind)) {
      add(
        'input-kind-mismatch',
        path,
        `Input "${id}" of action "${action.id}" is a ${input.kind} input; this needs ${kinds.join(' or ')}.`,
      );
      return undefined;
    }
    return input;
  };

  const checkEffect = (effect: Effect, path: string, action?: ActionDefinition): void => {
    if (effect.when && 'input' in effect.when) {
      if (!action)
        add(
          'expiry-uses-input',
          `${path}.when`,
          'An expiry effect has no inputs to test; use a flag condition.',
        );
      else {
        const input = expectInput(action, effect.when.input, ['choice'], `${path}.when.input`);
        if (
          input?.kind === 'choice' &&
          !input.options.some((o) => o.value === effect.when?.equals)
        ) {
          add(
            'unknown-option',
            `${path}.when.equals`,
            `Input "${input.id}" has no option "${String(effect.when.equals)}".`,
          );
        }
      }
    }
    if (effect.when && 'flag' in effect.when && !flagsSet.has(effect.when.flag)) {
      add(
        'flag-never-set',
        `${path}.when.flag`,
        `Flag "${effect.when.flag}" is never asked at filing nor set by any action or expiry: the condition can never change.`,
      );
    }
    const needsInput = (id: string, kinds: InputDefinition['kind'][], at: string): void => {
      if (!action)
        add(
          'expiry-uses-input',
          at,
          'An expiry effect has no inputs; this effect needs an action input.',
        );
      else expectInput(action, id, kinds, at);
    };
    switch (effect.kind) {
      case 'move':
        stageExists(effect.to, `${path}.to`);
        if (effect.responsible?.position !== undefined && effect.responsible.role !== 'director') {
          add(
            'position-not-director',
            `${path}.responsible.position`,
            'Only a director holds a position (directie or bestuur).',
          );
        }
        return;
      case 'end-track':
        if (!tracks.has(effect.track))
          add('unknown-track', `${path}.track`, `No track "${effect.track}".`);
        return;
      case 'start-clock':
        clockExists(effect.clock, `${path}.clock`);
        if (effect.fromInput !== undefined)
          needsInput(effect.fromInput, ['date'], `${path}.fromInput`);
        if (
          effect.fromMeeting !== undefined &&
          !action?.requires.some(
            (r) => r.kind === 'minutes-signed' && r.meeting === effect.fromMeeting,
          )
        ) {
          add(
            'unknown-input',
            `${path}.fromMeeting`,
            `The clock counts from a ${effect.fromMeeting} meeting, but the action requires no signed minutes of one.`,
          );
        }
        return;
      case 'stop-clock':
      case 'resume-clock':
        clockExists(effect.clock, `${path}.clock`);
        return;
      case 'suspend-clock':
        if (clockExists(effect.clock, `${path}.clock`) && !clocks.get(effect.clock)?.suspendable) {
          add(
            'clock-not-suspendable',
            `${path}.clock`,
            `Clock "${effect.clock}" is suspended here but is not marked "suspendable".`,
          );
        }
        return;
      case 'extend-clock':
        if (clockExists(effect.clock, `${path}.clock`) && !clocks.get(effect.clock)?.extension) {
          add(
            'clock-not-extendable',
            `${path}.clock`,
            `Clock "${effect.clock}" is extended here but has no "extension" rule.`,
          );
        }
        needsInput(effect.input, ['extension'], `${path}.input`);
        return;
      case 'set-outcomes':
        needsInput(effect.input, ['complaint-parts'], `${path}.input`);
        return;
      case 'record-measures':
        needsInput(effect.input, ['measures'], `${path}.input`);
        return;
      case 'decide-admissibility':
        needsInput(effect.input, ['choice'], `${path}.input`);
        return;
      case 'refer':
        if (!commissions.has(effect.commission))
          add('unknown-commission', `${path}.commission`, `No commission "${effect.commission}".`);
        stageExists(effect.to, `${path}.to`);
        return;
      case 'end-referral':
        if (!commissions.has(effect.commission))
          add('unknown-commission', `${path}.commission`, `No commission "${effect.commission}".`);
        return;
      case 'propose-members':
        if (!commissions.has(effect.commission))
          add('unknown-commission', `${path}.commission`, `No commission "${effect.commission}".`);
        needsInput(effect.input, ['participants'], `${path}.input`);
        return;
      case 'record-approval': {
        if (!commissions.has(effect.commission))
          add('unknown-commission', `${path}.commission`, `No commission "${effect.commission}".`);
        if (!action) {
          add(
            'expiry-uses-input',
            `${path}.input`,
            'An approval is an act of a party, not of a clock.',
          );
          return;
        }
        const input = expectInput(action, effect.input, ['member-approval'], `${path}.input`);
        if (input?.kind === 'member-approval' && input.commission !== effect.commission) {
          add(
            'input-kind-mismatch',
            `${path}.input`,
            `Input "${input.id}" approves members of "${input.commission}", not of "${effect.commission}".`,
          );
        }
        return;
      }
      case 'consent-to-extension':
      case 'decline-extension': {
        if (!clockExists(effect.clock, `${path}.clock`)) return;
        const rule = clocks.get(effect.clock)?.extension;
        if (!rule?.furtherWithConsent) {
          add(
            'clock-not-extendable',
            `${path}.clock`,
            `Clock "${effect.clock}" has no extension that waits for the client's consent ("furtherWithConsent").`,
          );
        }
        if (!action) add('expiry-uses-input', path, "Consent is the client's act, not a clock's.");
        return;
      }
      case 'create-task':
        if (effect.position !== undefined && effect.for !== 'director') {
          add(
            'position-not-director',
            `${path}.position`,
            'Only a director holds a position (directie or bestuur).',
          );
        }
        return;
      case 'close-case':
      case 'set-all-outcomes':
      case 'notify':
      case 'set-flag':
        return;
    }
  };
  everyEffect(checkEffect);

  const permissionProblem = (p: Permission): string | undefined => {
    if (!procedure.roles.includes(p.role))
      return `role "${p.role}" is not one of this procedure's roles (${procedure.roles.join(', ')})`;
    if (p.grant !== undefined && p.relationship !== 'confidant')
      return 'a grant only applies to a confidant relationship';
    if (p.relationship === 'confidant' && p.role !== 'confidant')
      return 'only a confidant has a confidant relationship';
    if (p.relationship === 'assigned-handler' && p.role !== 'handler')
      return 'only a handler can be the assigned handler';
    if (p.relationship === 'referred-commission' && p.role !== 'commission')
      return 'only a commission member has a referral';
    if (p.position !== undefined && p.role !== 'director')
      return 'only a director holds a position (directie or bestuur)';
    return undefined;
  };

  procedure.actions.forEach((action, a) => {
    const path = `actions[${a}]`;
    action.from.forEach((stage, s) => {
      if (stage !== '*') stageExists(stage, `${path}.from[${s}]`);
    });
    action.by.forEach((p, i) => {
      if (p.position !== undefined && p.role !== 'director') {
        add(
          'position-not-director',
          `${path}.by[${i}].position`,
          'Only a director holds a position (directie or bestuur).',
        );
      }
      if (!procedure.roles.includes(p.role)) {
        add(
          'role-not-in-procedure',
          `${path}.by[${i}].role`,
          `Action "${action.id}" names role "${p.role}", which this procedure does not use (roles: ${procedure.roles.join(', ')}).`,
        );
      }
    });
    const possible = action.by.filter((p) => permissionProblem(p) === undefined);
    if (possible.length === 0) {
      const why =
        action.by.length === 0
          ? 'its "by" list is empty'
          : action.by.map(permissionProblem).join('; ');
      add(
        'action-nobody-may-take',
        `${path}.by`,
        `Nobody may take action "${action.id}" ${labelOf(action.label)}: ${why}.`,
      );
    }
    if (!action.from.includes('*') && action.from.every((s) => finalStages.has(s))) {
      add(
        'action-never-available',
        `${path}.from`,
        `Action "${action.id}" can only be taken from final stages, so never.`,
      );
    }
    const checkGuard = (guard: SimpleGuard, at: string): void => {
      if (guard.kind === 'clock') clockExists(guard.clock, `${at}.clock`);
      if (guard.kind === 'track' && !tracks.has(guard.track))
        add('unknown-track', `${at}.track`, `No track "${guard.track}".`);
      if (guard.kind === 'flag' && !flagsSet.has(guard.flag)) {
        add(
          'flag-never-set',
          `${at}.flag`,
          `Flag "${guard.flag}" is never asked at filing nor set by any action or expiry: the guard would decide nothing.`,
        );
      }
    };
    action.guards.forEach((guard, g) => {
      if (guard.kind === 'any')
        guard.of.forEach((sub, i) => checkGuard(sub, `${path}.guards[${g}].of[${i}]`));
      else checkGuard(guard, `${path}.guards[${g}]`);
    });
    action.inputs.forEach((input, i) => {
      if (input.kind === 'date' && input.withinClock !== undefined) {
        clockExists(input.withinClock, `${path}.inputs[${i}].withinClock`);
      }
      if (input.kind === 'sign-off') {
        add(
          'claim-not-fact',
          `${path}.inputs[${i}]`,
          `Input "${input.id}" of "${action.id}" lets one person type that others signed: a claim. Require { "kind": "minutes-signed" } instead: the minutes every person present signed themselves.`,
        );
      }
      if (input.kind === 'member-approval' && !commissions.has(input.commission)) {
        add(
          'unknown-commission',
          `${path}.inputs[${i}].commission`,
          `No commission "${input.commission}".`,
        );
      }
    });
    action.requires.forEach((requirement, r) => {
      if (requirement.when && !flagsSet.has(requirement.when.flag)) {
        add(
          'flag-never-set',
          `${path}.requires[${r}].when.flag`,
          `Flag "${requirement.when.flag}" is never asked at filing nor set by any action or expiry.`,
        );
      }
      if (requirement.kind === 'members-approved' && !commissions.has(requirement.commission)) {
        add(
          'unknown-commission',
          `${path}.requires[${r}].commission`,
          `No commission "${requirement.commission}".`,
        );
      }
    });
  });

  procedure.tracks.forEach((track, t) =>
    track.stages.forEach((stage, s) => {
      const at = `tracks[${t}].stages[${s}]`;
      if (stage.responsible?.position !== undefined && stage.responsible.role !== 'director') {
        add(
          'position-not-director',
          `${at}.responsible.position`,
          'Only a director holds a position (directie or bestuur).',
        );
      }
      if (!stage.final && !stage.responsible) {
        add(
          'no-responsible',
          `${at}.responsible`,
          `Nobody is responsible for stage "${stage.id}": name the role (and for a director, the position) the case is routed to there.`,
          'warning',
        );
      }
    }),
  );

  // --- the admissibility decision -----------------------------------------------------------
  const admissibility = procedure.actions.find(
    (a) => a.id === procedure.eligibility.admissibilityAction,
  );
  if (!admissibility) {
    add(
      'admissibility-action-invalid',
      'eligibility.admissibilityAction',
      `No action "${procedure.eligibility.admissibilityAction}" to decide on late or unlisted complaints.`,
    );
  } else {
    const effect = admissibility.effects.find((e) => e.kind === 'decide-admissibility');
    const choice = effect ? admissibility.inputs.find((i) => i.id === effect.input) : undefined;
    const options = choice?.kind === 'choice' ? choice.options.map((o) => o.value) : [];
    if (!effect || !options.includes('accept') || !options.includes('decline')) {
      add(
        'admissibility-action-invalid',
        'eligibility.admissibilityAction',
        `Action "${admissibility.id}" needs a "decide-admissibility" effect on a choice input with the options "accept" and "decline".`,
      );
    }
    if (!admissibility.inputs.some((i) => i.kind === 'motivation')) {
      add(
        'admissibility-action-invalid',
        'eligibility.admissibilityAction',
        `Action "${admissibility.id}" needs a motivation input: a late or unlisted complaint is decided with reasons.`,
      );
    }
  }

  // Graph checks need every reference resolved.
  if (findings.some((f) => f.severity === 'error' && isReferenceCode(f.code))) return findings;
  findings.push(...graphFindings(procedure, stageTrack, finalStages));
  return findings;
}

function movesOf(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'move' || e.kind === 'refer' ? [e.to] : []));
}

function setsOutcome(effects: Effect[]): boolean {
  return effects.some(
    (e) =>
      e.kind === 'set-outcomes' || (e.kind === 'set-all-outcomes' && e.outcome !== 'ingetrokken'),
  );
}

function graphFindings(
  procedure: ProcedureDefinition,
  stageTrack: Map<string, string>,
  finalStages: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  const stagePath = new Map<string, string>();
  procedure.tracks.forEach((track, t) =>
    track.stages.forEach((stage, s) => stagePath.set(stage.id, `tracks[${t}].stages[${s}]`)),
  );
  const nonFinal = [...stageTrack.keys()].filter((s) => !finalStages.has(s));
  const admissibilityId = procedure.eligibility.admissibilityAction;

  // Which stages a clock can be running in: where it is started, or where its starter leads.
  const clockStages = new Map<string, Set<string>>();
  const noteClock = (clock: string, stages: string[]): void => {
    const set = clockStages.get(clock) ?? new Set<string>();
    stages.forEach((s) => set.add(s));
    clockStages.set(clock, set);
  };
  for (const entry of procedure.filing.entries)
    entry.startClocks.forEach((c) => noteClock(c, entry.enter));
  const starters: { from: string[]; effects: Effect[] }[] = [
    ...procedure.actions.map((a) => ({
      from: a.from.includes('*') ? nonFinal : a.from,
      effects: a.effects,
    })),
    ...procedure.clocks.map((c) => ({ from: [] as string[], effects: c.onExpiry })),
  ];
  // Expiry effects may start further clocks; iterate until the map stops growing.
  for (let round = 0; round < procedure.clocks.length + 1; round += 1) {
    for (const starter of starters) {
      for (const effect of starter.effects) {
        if (effect.kind !== 'start-clock') continue;
        const moved = movesOf(starter.effects);
        noteClock(effect.clock, moved.length > 0 ? [...moved, ...starter.from] : starter.from);
      }
    }
    for (const clock of procedure.clocks) {
      const moved = movesOf(clock.onExpiry);
      for (const effect of clock.onExpiry)
        if (effect.kind === 'start-clock') noteClock(effect.clock, moved);
    }
  }

  // Edges: from a stage to every stage an action or an expiry can move the case to.
  const edges = new Map<string, Set<string>>();
  const leaves = new Set<string>(); // stages with a way out of their own track position
  const outcomeAt = new Set<string>(); // stages where an explicit action sets an outcome
  const decided: string[] = []; // stages entered by a move that also set outcomes
  const edge = (from: string, to: string): void => {
    const set = edges.get(from) ?? new Set<string>();
    set.add(to);
    edges.set(from, set);
  };
  const consider = (from: string[], effects: Effect[], stageBound: boolean): void => {
    const targets = movesOf(effects);
    for (const stage of from) {
      targets.forEach((t) => edge(stage, t));
      if (!stageBound) continue;
      const track = stageTrack.get(stage);
      const exits = effects.some(
        (e) =>
          e.kind === 'close-case' ||
          (e.kind === 'end-track' && e.track === track) ||
          ((e.kind === 'move' || e.kind === 'refer') &&
            e.to !== stage &&
            stageTrack.get(e.to) === track),
      );
      if (exits) leaves.add(stage);
      if (setsOutcome(effects)) outcomeAt.add(stage);
    }
    if (setsOutcome(effects)) targets.forEach((t) => decided.push(t));
  };
  for (const action of procedure.actions) {
    if (action.id === admissibilityId) continue;
    const anywhere = action.from.includes('*');
    // "*" actions (withdraw, report a calamity) reach stages but do not count as a stage's own way
    // forward: a stage whose only exit is withdrawal is still a dead end for the procedure.
    consider(anywhere ? nonFinal : action.from, action.effects, !anywhere);
  }
  for (const clock of procedure.clocks) {
    consider([...(clockStages.get(clock.id) ?? [])], clock.onExpiry, true);
  }

  // Reachability from the entries.
  const reached = new Set<string>();
  const queue = procedure.filing.entries.flatMap((e) => e.enter);
  while (queue.length > 0) {
    const stage = queue.pop() as string;
    if (reached.has(stage)) continue;
    reached.add(stage);
    for (const next of edges.get(stage) ?? []) queue.push(next);
  }
  for (const stage of stageTrack.keys()) {
    if (!reached.has(stage)) {
      findings.push({
        code: 'unreachable-stage',
        severity: 'error',
        path: stagePath.get(stage) ?? stage,
        message: `Stage "${stage}" cannot be reached from any filing entry by any action or expiry.`,
      });
    }
  }

  // Stages that can never lead to an outcome: a stage is fine when an outcome is set there, when
  // it comes after a decision (e.g. "client accepts the handling"), or when it leads to such a stage.
  const good = new Set<string>(outcomeAt);
  const after = [...decided];
  while (after.length > 0) {
    const stage = after.pop() as string;
    if (good.has(stage) && !outcomeAt.has(stage)) continue;
    good.add(stage);
    for (const next of edges.get(stage) ?? []) if (!good.has(next)) after.push(next);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const stage of nonFinal) {
      if (good.has(stage)) continue;
      if ([...(edges.get(stage) ?? [])].some((next) => good.has(next))) {
        good.add(stage);
        changed = true;
      }
    }
  }
  for (const stage of nonFinal) {
    if (!leaves.has(stage)) {
      findings.push({
        code: 'dead-end',
        severity: 'error',
        path: stagePath.get(stage) ?? stage,
        message: `Stage "${stage}" is not final, but no action or expiry leads out of it (withdrawal aside).`,
      });
    } else if (!good.has(stage)) {
      findings.push({
        code: 'no-outcome-path',
        severity: 'error',
        path: stagePath.get(stage) ?? stage,
        message: `From stage "${stage}" no path leads to an action that sets an outcome per complaint part.`,
      });
    }
  }

  // Clocks nobody starts.
  procedure.clocks.forEach((clock, c) => {
    if (!clockStages.has(clock.id)) {
      findings.push({
        code: 'clock-never-started',
        severity: 'warning',
        path: `clocks[${c}]`,
        message: `Clock "${clock.id}" is never started by an entry, action or expiry.`,
      });
    }
  });
  return findings;
}
