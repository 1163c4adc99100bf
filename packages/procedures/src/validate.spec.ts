import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { procedureJsonSchema } from './definition.schema.js';
import { loadTemplate, TEMPLATE_SLUGS, templateSource } from './templates.js';
import { FINDING_CODES, validateProcedure, type FindingCode } from './validate.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixtures poke at arbitrary JSON

function broken(slug: (typeof TEMPLATE_SLUGS)[number], mutate: (p: Json) => void): unknown {
  const source = templateSource(slug) as Json;
  mutate(source);
  return source;
}

const byId = (list: Json[], id: string): Json => {
  const found = list.find((item) => item.id === id);
  if (!found) throw new Error(`fixture: no ${id}`);
  return found;
};

describe('templates', () => {
  it('reads a filing flag as a circumstance unless the procedure calls it a wish', () => {
    expect(loadTemplate('kleine-ontmoeting').filing.flags).toEqual([
      expect.objectContaining({ id: 'wil-terugkoppeling', kind: 'wish' }),
    ]);
    expect(loadTemplate('bureau-mhr').filing.flags.map((flag) => flag.kind)).toEqual([
      'circumstance',
    ]);
  });

  it.each(TEMPLATE_SLUGS)('%s validates clean, with Dutch and English labels', (slug) => {
    const result = validateProcedure(templateSource(slug));
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the committed JSON Schema is up to date (run `pnpm --filter @klachtpad/procedures schema`)', () => {
    const committed = readFileSync(
      new URL('../schema/procedure.schema.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(procedureJsonSchema());
  });
});

/** Each: what is broken, the procedure, and the finding (code, path, part of the message) it must give. */
const BROKEN: [string, unknown, FindingCode, string, string][] = [
  ['a missing label', broken('mo', (p) => delete p.label), 'schema', 'label', ''],
  [
    'a filing flag that is neither a circumstance nor a wish',
    broken('kleine-ontmoeting', (p) => (p.filing.flags[0].kind = 'hope')),
    'schema',
    'filing.flags[0].kind',
    '',
  ],
  [
    'a label without English',
    broken('mo', (p) => delete p.tracks[0].stages[0].label.en),
    'schema',
    'tracks[0].stages[0].label.en',
    '',
  ],
  [
    'a term in fortnights',
    broken('awb9', (p) => (p.clocks[0].duration.unit = 'fortnights')),
    'schema',
    'clocks[0].duration.unit',
    '',
  ],
  [
    'an unknown role',
    broken('mo', (p) => (p.actions[1].by[0].role = 'cleaner')),
    'unknown-role',
    'actions[1].by[0].role',
    'Use one of: client',
  ],
  [
    'a role the organisation does not use',
    broken('awb9', (p) => (byId(p.actions, 'acknowledge').by = [{ role: 'manager' }])),
    'role-not-in-procedure',
    'actions[1].by[0].role',
    'does not use',
  ],
  [
    'a move to an unknown stage',
    broken('mo', (p) => (byId(p.actions, 'accept-handling').effects[0].to = 'klaar')),
    'unknown-stage',
    'actions[5].effects[0].to',
    'No stage "klaar"',
  ],
  [
    'an action from an unknown stage',
    broken('awb9', (p) => (byId(p.actions, 'decide').from = ['beslissen'])),
    'unknown-stage',
    'actions[4].from[0]',
    'No stage "beslissen"',
  ],
  [
    'an unknown clock',
    broken('wkkgz', (p) => (p.filing.entries[0].startClocks = ['termijn'])),
    'unknown-clock',
    'filing.entries[0].startClocks[0]',
    'No clock "termijn"',
  ],
  [
    'a duplicate stage id',
    broken('awb9', (p) => (p.tracks[0].stages[1].id = 'ontvangen')),
    'duplicate-id',
    'tracks[0].stages[1].id',
    'used twice',
  ],
  [
    'an effect on a missing input',
    broken('awb9', (p) => (byId(p.actions, 'decide').effects[0].input = 'oordeel')),
    'unknown-input',
    'actions[4].effects[0].input',
    'no input "oordeel"',
  ],
  [
    'outcomes from a text input',
    broken('awb9', (p) => (byId(p.actions, 'decide').effects[0].input = 'reasoning')),
    'input-kind-mismatch',
    'actions[4].effects[0].input',
    'is a motivation input',
  ],
  [
    'an unreachable stage',
    broken('awb9', (p) =>
      p.tracks[0].stages.splice(3, 0, {
        id: 'archief',
        label: { nl: 'Archief', en: 'Archive' },
        final: true,
      }),
    ),
    'unreachable-stage',
    'tracks[0].stages[3]',
    'cannot be reached',
  ],
  [
    'a dead end',
    broken('awb9', (p) => (byId(p.actions, 'decide').from = ['horen'])),
    'dead-end',
    'tracks[0].stages[2]',
    'no action or expiry leads out',
  ],
  [
    'a stage that can never reach an outcome',
    broken('awb9', (p) => {
      const decide = byId(p.actions, 'decide');
      decide.effects = decide.effects.filter((e: Json) => e.kind !== 'set-outcomes');
      decide.decision = false;
    }),
    'no-outcome-path',
    'tracks[0].stages[0]',
    'no path leads to an action that sets an outcome',
  ],
  [
    'an action nobody may take',
    broken('mo', (p) => (byId(p.actions, 'accept-handling').by = [])),
    'action-nobody-may-take',
    'actions[5].by',
    'its "by" list is empty',
  ],
  [
    'a confidant grant on a handler',
    broken(
      'mo',
      (p) => (byId(p.actions, 'schedule-meeting').by = [{ role: 'manager', grant: 'submit' }]),
    ),
    'action-nobody-may-take',
    'actions[3].by',
    'a grant only applies to a confidant',
  ],
  [
    'an action only from a final stage',
    broken('mo', (p) => (byId(p.actions, 'accept-handling').from = ['afgerond'])),
    'action-never-available',
    'actions[5].from',
    'only be taken from final stages',
  ],
  [
    'an admissibility action without a motivation',
    broken('awb9', (p) => byId(p.actions, 'decide-admissibility').inputs.pop()),
    'admissibility-action-invalid',
    'eligibility.admissibilityAction',
    'needs a motivation input',
  ],
  [
    'suspending a clock that may not be suspended',
    broken('awb9', (p) =>
      byId(p.actions, 'acknowledge').effects.push({
        kind: 'suspend-clock',
        clock: 'beslistermijn',
      }),
    ),
    'clock-not-suspendable',
    'actions[1].effects[3].clock',
    'not marked "suspendable"',
  ],
  [
    'Wkkgz without a decision clock',
    broken('wkkgz', (p) => (p.clocks[0].purpose = 'stage')),
    'regime-no-decision-clock',
    'clocks',
    'within 6 weeks of receipt',
  ],
  [
    'Wkkgz with an 8-week decision term',
    broken('wkkgz', (p) => (p.clocks[0].duration = { amount: 8, unit: 'weeks' })),
    'regime-decision-term-too-long',
    'clocks[0].duration',
    'allows at most 6 weeks',
  ],
  [
    'Wkkgz with 30 working days',
    broken('wkkgz', (p) => (p.clocks[0].duration = { amount: 30, unit: 'working-days' })),
    'regime-decision-term-too-long',
    'clocks[0].duration',
    'allows at most 6 weeks',
  ],
  [
    'Wkkgz extension without notice',
    broken('wkkgz', (p) => (p.clocks[0].extension.noticeRequired = false)),
    'regime-extension-without-notice',
    'clocks[0].extension.noticeRequired',
    'written notice',
  ],
  [
    'Wkkgz extension of 6 weeks',
    broken('wkkgz', (p) => (p.clocks[0].extension.max = { amount: 6, unit: 'weeks' })),
    'regime-extension-too-long',
    'clocks[0].extension.max',
    'at most 4 weeks',
  ],
  [
    'Wkkgz two extensions without consent',
    broken('wkkgz', (p) => (p.clocks[0].extension.maxWithoutConsent = 2)),
    'regime-too-many-extensions',
    'clocks[0].extension.maxWithoutConsent',
    'allows once',
  ],
  [
    'Wkkgz decision without reasons',
    broken(
      'wkkgz',
      (p) =>
        (byId(p.actions, 'record-decision').inputs = byId(
          p.actions,
          'record-decision',
        ).inputs.filter((i: Json) => i.kind !== 'motivation')),
    ),
    'regime-decision-not-reasoned',
    'actions[3].inputs',
    'needs a motivation input',
  ],
  [
    'Wkkgz decision without measures',
    broken('wkkgz', (p) => {
      const decision = byId(p.actions, 'record-decision');
      decision.inputs = decision.inputs.filter((i: Json) => i.kind !== 'measures');
      decision.effects = decision.effects.filter((e: Json) => e.kind !== 'record-measures');
    }),
    'regime-decision-without-measures',
    'actions[3].inputs',
    'measures',
  ],
  [
    'Awb 9 notice only to the client',
    broken('awb9', (p) => (p.clocks[0].extension.noticeTo = ['client'])),
    'regime-extension-notice-recipients',
    'clocks[0].extension.noticeTo',
    'missing: subject',
  ],
  [
    'Awb 9 at 10 weeks without an advisory committee',
    broken('awb9', (p) => (p.clocks[0].duration = { amount: 10, unit: 'weeks' })),
    'regime-decision-term-too-long',
    'clocks[0].duration',
    'at most 6 weeks',
  ],
  [
    'Jeugdwet without a commission',
    broken('awb9', (p) => (p.regime = 'jeugdwet')),
    'regime-commission-too-small',
    'commissions',
    'at least 3 members',
  ],
  [
    'Jeugdwet commission without an independent chair',
    broken('mo', (p) => {
      p.regime = 'jeugdwet';
      p.commissions[0].independentChair = false;
    }),
    'regime-commission-chair-not-independent',
    'commissions[0].independentChair',
    'independent chair',
  ],
  [
    'Jeugdwet commission of two',
    broken('mo', (p) => {
      p.regime = 'jeugdwet';
      p.commissions[0].minMembers = 2;
    }),
    'regime-commission-too-small',
    'commissions[0].minMembers',
    'requires 3',
  ],
  [
    'Jeugdwet without hearing both sides',
    broken('mo', (p) => (p.regime = 'jeugdwet')),
    'regime-both-sides-not-heard',
    'actions',
    'signed minutes of a hearing',
  ],
  [
    'Wmo without a way to report a calamity',
    broken('mo', (p) => (p.actions = p.actions.filter((a: Json) => a.id !== 'report-calamity'))),
    'regime-no-calamity-report',
    'actions',
    'calamity',
  ],
  [
    'a guard on an unknown track',
    broken(
      'ondersteuningsteam',
      (p) => (byId(p.actions, 'also-internal').guards[0].track = 'jury'),
    ),
    'unknown-track',
    'actions[11].guards[0].track',
    'No track "jury"',
  ],
  [
    'an unknown clock inside an "any" guard',
    broken('ondersteuningsteam', (p) => {
      byId(p.actions, 'decide').guards[0].of[1] = {
        kind: 'clock',
        clock: 'nergens',
        is: 'running',
      };
    }),
    'unknown-clock',
    'actions[6].guards[0].of[1].clock',
    'No clock "nergens"',
  ],
  [
    'a referral at filing to an unknown commission',
    broken('mo', (p) => (p.filing.entries[2].refer = 'ombudsman')),
    'unknown-commission',
    'filing.entries[2].refer',
    'No commission "ombudsman"',
  ],
  [
    'a notice for an unknown category',
    broken('ondersteuningsteam', (p) => (p.filing.categoryNotices[0].category = 'geheim')),
    'unknown-option',
    'filing.categoryNotices[0].category',
    'No category "geheim"',
  ],
  [
    'an entry that enters one track twice',
    broken('mo', (p) => p.filing.entries[0].enter.push('leidinggevende')),
    'entry-enters-track-twice',
    'filing.entries[0].enter[1]',
    'enters track "intern" twice',
  ],
  [
    'a clock nobody starts (warning)',
    broken('awb9', (p) =>
      p.clocks.push({
        id: 'vergeten',
        label: { nl: 'Vergeten', en: 'Forgotten' },
        duration: { amount: 1, unit: 'weeks' },
      }),
    ),
    'clock-never-started',
    'clocks[1]',
    'never started',
  ],
  [
    'extending a clock without an extension rule',
    broken('wkkgz', (p) => delete p.clocks[0].extension),
    'clock-not-extendable',
    'actions[4].effects[0].clock',
    'has no "extension" rule',
  ],
  [
    'an expiry effect conditioned on an input',
    broken(
      'bureau-mhr',
      (p) => (p.clocks[0].onExpiry[0].when = { input: 'result', equals: 'mislukt' }),
    ),
    'expiry-uses-input',
    'clocks[0].onExpiry[0].when',
    'use a flag condition',
  ],
  [
    'a guard on a flag nobody sets (an error: the guard would decide nothing)',
    broken('mo', (p) => {
      byId(p.actions, 'accept-handling').guards = [
        { kind: 'flag', flag: 'tevreden', equals: true },
      ];
    }),
    'flag-never-set',
    'actions[5].guards[0].flag',
    'never asked at filing nor set',
  ],
  [
    'an extension rule that allows no extension',
    broken('wkkgz', (p) => {
      p.clocks[0].extension.maxWithoutConsent = 0;
      p.clocks[0].extension.furtherWithConsent = false;
    }),
    'regime-extension-without-consent-rule',
    'clocks[0].extension',
    'allows no extension at all',
  ],
  [
    'Wkkgz without a decision action',
    broken('wkkgz', (p) => (byId(p.actions, 'record-decision').decision = false)),
    'regime-no-decision-action',
    'actions',
    'written, reasoned decision',
  ],
  [
    'Jeugdwet without a confidant who can act for the client',
    broken('wkkgz', (p) => {
      p.regime = 'jeugdwet';
      p.roles = p.roles.filter((r: string) => r !== 'confidant');
      for (const action of p.actions) {
        action.by = action.by.filter((q: Json) => q.role !== 'confidant');
      }
    }),
    'regime-no-confidant',
    'roles',
    'independent confidant',
  ],
];

BROKEN.push(
  [
    'a typed sign-off instead of signed minutes',
    broken('awb9', (p) =>
      byId(p.actions, 'record-hearing').inputs.push({
        kind: 'sign-off',
        id: 'heard',
        label: { nl: 'Gehoord', en: 'Heard' },
        participants: ['client', 'subject'],
      }),
    ),
    'claim-not-fact',
    'actions[2].inputs[1]',
    'minutes-signed',
  ],
  [
    'a position for a handler',
    broken(
      'awb9',
      (p) => (p.tracks[0].stages[0].responsible = { role: 'handler', position: 'bestuur' }),
    ),
    'position-not-director',
    'tracks[0].stages[0].responsible.position',
    'Only a director',
  ],
  [
    'a position in a permission of a manager',
    broken('wkkgz', (p) => (byId(p.actions, 'start-handling').by[0].position = 'bestuur')),
    'position-not-director',
    'actions[1].by[0].position',
    'Only a director',
  ],
  [
    'a stage nobody is responsible for',
    broken('awb9', (p) => delete p.tracks[0].stages[1].responsible),
    'no-responsible',
    'tracks[0].stages[1].responsible',
    'Nobody is responsible for stage "horen"',
  ],
  [
    'consent asked for a clock that allows no further extension',
    broken('wkkgz', (p) => (p.clocks[0].extension.furtherWithConsent = false)),
    'clock-not-extendable',
    'actions[5].effects[0].clock',
    'furtherWithConsent',
  ],
  [
    'approving members of another commission than the input names',
    broken('bureau-mhr', (p) => {
      p.commissions.push({
        id: 'tweede',
        label: { nl: 'Tweede', en: 'Second' },
        kind: 'independent',
      });
      byId(p.actions, 'approve-commission-member').effects[0].commission = 'tweede';
    }),
    'input-kind-mismatch',
    'actions[10].effects[0].input',
    'not of "tweede"',
  ],
  [
    'approvals for a commission that does not exist',
    broken(
      'bureau-mhr',
      (p) => (byId(p.actions, 'compose-commission').requires[0].commission = 'geen'),
    ),
    'unknown-commission',
    'actions[11].requires[0].commission',
    'No commission "geen"',
  ],
  [
    'a clock counting from a meeting the action does not rest on',
    broken('bureau-mhr', (p) => (byId(p.actions, 'record-mediation').requires = [])),
    'unknown-input',
    'actions[2].effects[3].fromMeeting',
    'requires no signed minutes',
  ],
);

// The regimes' further demands (ADR 0031), each with a procedure that breaks it.
BROKEN.push(
  [
    'Wkkgz without a route to the geschilleninstantie',
    broken('wkkgz', (p) => delete p.appeal),
    'regime-no-appeal-route',
    'appeal',
    'route to the geschilleninstantie',
  ],
  [
    'Awb 9 pointing to the ombudsman for six weeks only',
    broken('awb9', (p) => (p.appeal.term = { amount: 6, unit: 'weeks' })),
    'regime-no-appeal-route',
    'appeal.term',
    'leaves the client 12 months',
  ],
  [
    'Awb 9 that never sends the complaint to the person complained about',
    broken('awb9', (p) => {
      for (const action of p.actions) {
        if (action.decision) continue;
        action.effects = action.effects.filter(
          (e: Json) => !(e.kind === 'notify' && e.to.includes('subject')),
        );
      }
    }),
    'regime-subject-not-informed',
    'actions',
    'Awb 9:9',
  ],
  [
    'an Awb 9 hearing that does not invite the person complained about',
    broken('awb9', (p) => (byId(p.actions, 'record-hearing').requires[0].invited = ['client'])),
    'regime-both-sides-not-heard',
    'actions[2].requires[0].invited',
    'does not invite subject',
  ],
  [
    'an Awb 9 hearing of the complainant alone that is no alternative for a complaint about no one',
    broken(
      'ondersteuningsteam',
      (p) => (byId(p.actions, 'hold-hearing').requires[1].when.equals = true),
    ),
    'regime-both-sides-not-heard',
    'actions[5].requires[1].invited',
    'does not invite subject',
  ],
  [
    'Awb 9 letting the person complained about decide',
    broken('awb9', (p) =>
      byId(p.actions, 'decide').by.push({ role: 'handler', relationship: 'subject' }),
    ),
    'regime-subject-decides',
    'actions[4].by[1]',
    'takes no part in deciding',
  ],
  [
    'Jeugdwet without the provider’s reaction to the judgment',
    broken('jeugdwet', (p) => {
      const judge = byId(p.actions, 'judge');
      judge.effects = judge.effects
        .filter((e: Json) => e.kind !== 'start-clock')
        .map((e: Json) => (e.kind === 'move' ? { kind: 'move', to: 'afgerond' } : e));
    }),
    'regime-no-reaction-to-judgment',
    'actions[5]',
    'within 1 month',
  ],
  [
    'a formal complaint after the contact person without the decision term',
    broken('ondersteuningsteam', (p) => {
      const file = byId(p.actions, 'file-with-complaints-handler');
      file.effects = file.effects.filter((e: Json) => e.kind !== 'start-clock');
    }),
    'regime-no-decision-clock',
    'actions[2].effects',
    'does not start the decision clock',
  ],
  [
    'a date planned within a clock that does not exist',
    broken(
      'kleine-ontmoeting',
      (p) => (byId(p.actions, 'plan-second-talk').inputs[0].withinClock = 'nergens'),
    ),
    'unknown-clock',
    'actions[5].inputs[0].withinClock',
    'No clock "nergens"',
  ],
  [
    'a requirement that depends on a flag nobody sets',
    broken(
      'ondersteuningsteam',
      (p) => (byId(p.actions, 'hold-hearing').requires[0].when.flag = 'nergens'),
    ),
    'flag-never-set',
    'actions[5].requires[0].when.flag',
    'never asked at filing nor set',
  ],
);

describe('deliberately broken procedures', () => {
  it.each(BROKEN)('finds %s', (_name, json, code, path, message) => {
    const result = validateProcedure(json);
    const finding = result.findings.find(
      (f) => f.code === code && f.path === path && f.message.includes(message),
    );
    expect(finding, JSON.stringify(result.findings, null, 1)).toBeDefined();
    // Warnings (a clock nobody starts) do not block publishing; errors do.
    expect(result.valid).toBe(!result.findings.some((f) => f.severity === 'error'));
  });

  it('has a broken procedure for every finding code', () => {
    const covered = new Set(BROKEN.map(([, , code]) => code));
    expect(FINDING_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('lets a Jeugdwet commission deviate from its term more than once, with reasons, where the Wkkgz allows once', () => {
    const twice = (slug: 'jeugdwet' | 'wkkgz') =>
      validateProcedure(broken(slug, (p) => (p.clocks[0].extension.maxWithoutConsent = 2)));
    expect(twice('jeugdwet').findings).toEqual([]);
    expect(twice('wkkgz').findings.map((f) => f.code)).toEqual(['regime-too-many-extensions']);
  });

  it('allows an Awb 9 term of 10 weeks with an advisory committee', () => {
    const json = broken('awb9', (p) => {
      p.clocks[0].duration = { amount: 10, unit: 'weeks' };
      p.commissions = [
        {
          id: 'advies',
          label: { nl: 'Adviescommissie', en: 'Advisory committee' },
          kind: 'internal',
          advisory: true,
        },
      ];
    });
    expect(validateProcedure(json).findings).toEqual([]);
  });

  it('allows stricter than the law: 4 weeks and no extension at all', () => {
    const json = broken('wkkgz', (p) => {
      p.clocks[0].duration = { amount: 4, unit: 'weeks' };
      delete p.clocks[0].extension;
      p.actions = p.actions.filter(
        (a: Json) => a.id !== 'extend-decision-term' && a.id !== 'consent-to-extension',
      );
    });
    expect(validateProcedure(json).findings).toEqual([]);
  });

  it('reports non-JSON-object input as a schema finding at the root', () => {
    expect(validateProcedure('nee').findings).toEqual([
      expect.objectContaining({ code: 'schema', path: '(root)' }),
    ]);
  });
});
