import { describe, expect, it, vi } from 'vitest';
import { ROLES, STAFF_ROLES, type Role } from '@klachtpad/contracts';
import {
  asCase,
  asClient,
  asMeasure,
  asStage,
  caseItemFilter,
  canSeeCaseItem,
  defineAbility,
  ITEM_VISIBILITIES,
  plainViewer,
  type AbilityViewer,
} from './ability.js';

/**
 * The rules each role receives, written out (the CASL cookbook's advice: test the rules, not only
 * `can`). A viewer with one of everything: a commission, a running referral, case grants with and
 * without `submit`, a standing authorisation, and the intake queue on.
 */
const viewer: AbilityViewer = {
  ...plainViewer('me', []),
  commissionIds: ['commission-1'],
  referredCaseIds: ['referred-case'],
  caseGrants: { 'submit-case': ['view', 'submit'], 'view-case': ['view'] },
  authorisedClientIds: ['authorising-client'],
  handlerIntakeQueue: true,
};

type Rule = [
  verb: 'can' | 'cannot',
  action: string | string[],
  subject: string,
  conditions?: object,
];

function rulesOf(roles: Role[]): Rule[] {
  return defineAbility({ ...viewer, roles }).rules.map((rule) => [
    rule.inverted ? 'cannot' : 'can',
    rule.action,
    rule.subject as string,
    ...(rule.conditions ? [rule.conditions] : []),
  ]) as Rule[];
}

/** Every role, whatever it is, as the subject of a complaint: heard, and recused. */
const SUBJECT_RULES: Rule[] = [
  ['can', ['read', 'contribute'], 'Case', { subjectIds: 'me' }],
  ['can', 'read', 'CaseItem', { subjectIds: 'me', visibility: 'subject', addresseeId: 'me' }],
  [
    'cannot',
    ['readInternal', 'work', 'assign', 'nameSubjects', 'readAccessLog', 'holdRetention'],
    'Case',
    { subjectIds: 'me' },
  ],
  ['cannot', 'complete', 'Measure', { subjectIds: 'me' }],
  ['cannot', 'read', 'CaseItem', { subjectIds: 'me', visibility: { $in: ['shared', 'internal'] } }],
  [
    'cannot',
    'read',
    'CaseItem',
    { subjectIds: 'me', visibility: 'subject', addresseeId: { $ne: 'me' } },
  ],
];

const STAFF: Rule[] = [
  [
    'can',
    [
      'fileForClient',
      'createClientAccounts',
      'listConfidants',
      'listMembers',
      'handleDataRequests',
    ],
    'Organisation',
  ],
  ['can', 'complete', 'Measure', { ownerId: 'me' }],
];

const LEADERSHIP: Rule[] = [
  ['can', ['read', 'readInternal', 'contribute', 'work', 'assign', 'nameSubjects'], 'Case'],
  ['can', 'read', 'CaseItem'],
  ['can', 'complete', 'Measure'],
  ['can', ['readRegister', 'readInsights', 'manageReferrals', 'manageMembers'], 'Organisation'],
];

const ROLE_RULES: Record<Role, Rule[]> = {
  client: [
    [
      'can',
      ['read', 'contribute', 'manageConfidants', 'decideBundle', 'readAccessLog'],
      'Case',
      { clientId: 'me' },
    ],
    ['can', 'read', 'CaseItem', { clientId: 'me', visibility: 'shared' }],
    ['can', 'file', 'Client', { id: 'me' }],
    ['can', ['listConfidants', 'authoriseConfidants', 'requestOwnData'], 'Organisation'],
  ],
  confidant: [
    ['can', ['read', 'contribute'], 'Case', { confidantIds: 'me' }],
    ['can', 'read', 'CaseItem', { confidantIds: 'me', visibility: 'shared' }],
    ['can', 'decideBundle', 'Case', { confidantIds: 'me', id: { $in: ['submit-case'] } }],
    ['can', 'fileOnBehalf', 'Client', { id: { $in: ['authorising-client'] } }],
  ],
  handler: [
    ...STAFF,
    [
      'can',
      ['read', 'readInternal', 'contribute', 'work', 'nameSubjects'],
      'Case',
      { handlerIds: 'me' },
    ],
    ['can', 'read', 'CaseItem', { handlerIds: 'me' }],
    ['can', ['read', 'readInternal', 'contribute', 'work'], 'Case', { handlerIds: { $size: 0 } }],
    ['can', 'read', 'CaseItem', { handlerIds: { $size: 0 } }],
  ],
  manager: [
    ...STAFF,
    ...LEADERSHIP,
    ['can', 'assign', 'Stage', { role: { $in: ['handler', 'manager'] } }],
  ],
  director: [
    ...STAFF,
    ...LEADERSHIP,
    ['can', 'assign', 'Stage'],
    ['can', ['readAccessLog', 'holdRetention'], 'Case'],
    [
      'can',
      [
        'configureProcedure',
        'manageCommissions',
        'manageSettings',
        'manageRouting',
        'manageRetention',
        'readAccessLog',
      ],
      'Organisation',
    ],
  ],
  commission: [
    [
      'can',
      ['read', 'contribute'],
      'Case',
      { commissionIds: { $in: ['commission-1'] }, id: { $in: ['referred-case'] } },
    ],
    [
      'can',
      'read',
      'CaseItem',
      { commissionIds: { $in: ['commission-1'] }, id: { $in: ['referred-case'] }, bundled: true },
    ],
  ],
};

describe('the rules each role receives', () => {
  it.each(ROLES)('%s', (role) => {
    expect(rulesOf([role])).toEqual([...ROLE_RULES[role], ...SUBJECT_RULES]);
  });

  it('combines the roles a member holds, then recuses a subject once', () => {
    expect(rulesOf(['client', 'handler'])).toEqual([
      ...ROLE_RULES.client,
      ...ROLE_RULES.handler,
      ...SUBJECT_RULES,
    ]);
  });

  it('fails fast on a role it does not know', () => {
    expect(() => defineAbility({ ...viewer, roles: ['janitor' as Role] })).toThrow(/Unknown role/);
  });

  it('gives the staff permissions to exactly the staff roles', () => {
    const staff = ROLES.filter((role) =>
      defineAbility({ ...viewer, roles: [role] }).can('fileForClient', 'Organisation'),
    );
    expect(staff).toEqual([...STAFF_ROLES]);
  });

  it('lets the handler read the intake queue only when the organisation has it on', () => {
    const unassigned = asCase({
      id: 'k',
      clientId: 'c',
      handlerIds: [],
      subjectIds: [],
      confidantIds: [],
      commissionIds: [],
      withBestuur: false,
    });
    const on = defineAbility({ ...viewer, roles: ['handler'] });
    const off = defineAbility({ ...viewer, roles: ['handler'], handlerIntakeQueue: false });
    expect([on.can('readInternal', unassigned), off.can('readInternal', unassigned)]).toEqual([
      true,
      false,
    ]);
  });

  it('lets a confidant file only for the clients who authorised them, and act only with submit', () => {
    const confidant = defineAbility({ ...viewer, roles: ['confidant'] });
    expect(confidant.can('fileOnBehalf', asClient('authorising-client'))).toBe(true);
    expect(confidant.can('fileOnBehalf', asClient('someone-else'))).toBe(false);
    expect(confidant.can('file', asClient('me'))).toBe(false);
    const granted = (id: string) => ({
      id,
      clientId: 'c',
      handlerIds: [],
      subjectIds: [],
      confidantIds: ['me'],
      commissionIds: [],
      withBestuur: false,
    });
    expect(confidant.can('decideBundle', asCase(granted('submit-case')))).toBe(true);
    expect(confidant.can('decideBundle', asCase(granted('view-case')))).toBe(false);
  });

  it('lets the owner of a measure complete it, never its subject', () => {
    const kase = {
      id: 'k',
      clientId: 'c',
      handlerIds: ['me'],
      subjectIds: [],
      confidantIds: [],
      commissionIds: [],
      withBestuur: false,
    };
    const handler = defineAbility({ ...viewer, roles: ['handler'] });
    expect(handler.can('complete', asMeasure(kase, 'me'))).toBe(true);
    expect(handler.can('complete', asMeasure(kase, 'Teamleider'))).toBe(false);
    const manager = defineAbility({ ...viewer, roles: ['manager'] });
    expect(manager.can('complete', asMeasure(kase, 'Teamleider'))).toBe(true);
    expect(manager.can('complete', asMeasure({ ...kase, subjectIds: ['me'] }, null))).toBe(false);
  });

  it('lets a manager assign the casework stages, a director every stage, a directie apart from its bestuur not the bestuur’s', () => {
    const stages = [
      { role: 'handler' },
      { role: 'manager' },
      { role: 'director' },
      { role: 'director', position: 'directie' },
      { role: 'director', position: 'bestuur' },
    ] as const;
    const may = (ability: ReturnType<typeof defineAbility>) =>
      stages.map((stage) => ability.can('assign', asStage(stage)));
    expect(may(defineAbility({ ...viewer, roles: ['manager'] }))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(may(defineAbility({ ...viewer, roles: ['director'] }))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(may(defineAbility({ ...viewer, roles: ['director'], positions: ['directie'] }))).toEqual(
      [true, true, true, true, false],
    );
    expect(may(defineAbility({ ...viewer, roles: ['director'], positions: ['bestuur'] }))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(may(defineAbility({ ...viewer, roles: ['handler', 'client'] }))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('leaves a directie apart from its bestuur reading a case the bestuur has, writing nothing on it', () => {
    const kase = (withBestuur: boolean, subjectIds: string[] = []) => ({
      id: 'k',
      clientId: 'c',
      handlerIds: [],
      subjectIds,
      confidantIds: [],
      commissionIds: [],
      withBestuur,
    });
    const actions = [
      'read',
      'readInternal',
      'contribute',
      'work',
      'assign',
      'nameSubjects',
      'holdRetention',
    ] as const;
    const may = (positions: AbilityViewer['positions'], on: ReturnType<typeof kase>) => {
      const ability = defineAbility({
        ...viewer,
        roles: ['director', 'handler'],
        ...(positions ? { positions } : {}),
      });
      return [
        ...actions.map((action) => ability.can(action, asCase(on))),
        ability.can('complete', asMeasure(on, 'me')),
      ];
    };
    const everything = [true, true, true, true, true, true, true, true];
    // Reads, internal items included, and nothing else: whatever other role they hold.
    expect(may(['directie'], kase(true))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(may(['directie'], kase(false))).toEqual(everything);
    expect(may(['bestuur'], kase(true))).toEqual(everything);
    // An organisation that does not tell them apart: its directors are the bestuur too.
    expect(may(undefined, kase(true))).toEqual(everything);
    // Whom the complaint is about is heard (adds their side), never staff.
    expect(may(['directie'], kase(true, ['me']))).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    // A client's own case the bestuur has is theirs to write on, as ever.
    const client = defineAbility({ ...viewer, roles: ['client'], positions: ['directie'] });
    expect(client.can('contribute', asCase({ ...kase(true), clientId: 'me' }))).toBe(true);
  });
});

describe('the item filter of a case, asked once per audience', () => {
  const kase = (id: string, fields: Partial<Parameters<typeof caseItemFilter>[1]> = {}) => ({
    id,
    clientId: `client-of-${id}`,
    handlerIds: [],
    subjectIds: [],
    confidantIds: [],
    commissionIds: [],
    withBestuur: false,
    ...fields,
  });

  it('asks the ability once for cases whose fields its item rules read are the same', () => {
    const ability = defineAbility(plainViewer('me', ['manager']));
    const can = vi.spyOn(ability, 'can');
    const filters = Array.from({ length: 20 }, (_, i) =>
      caseItemFilter(ability, kase(`case-${i}`), 'me'),
    );
    // Twelve combinations of visibility, bundled and addressee for the first case; none after.
    expect(can).toHaveBeenCalledTimes(12);
    for (const filter of filters) expect(filter).toEqual(filters[0]);
  });

  it('tells apart cases the item rules judge differently, for every role', () => {
    const others = kase('case-b', { clientId: 'me', handlerIds: ['me'], confidantIds: ['me'] });
    const subjectOf = kase('case-c', { subjectIds: ['me'], commissionIds: ['commission-1'] });
    const referred = kase('referred-case', { commissionIds: ['commission-1'] });
    for (const role of ROLES) {
      const ability = defineAbility({ ...viewer, roles: [role] });
      for (const item of [kase('case-a'), others, subjectOf, referred, kase('case-d')]) {
        const remembered = caseItemFilter(ability, item, 'me');
        // What a fresh ability (nothing remembered) says about the same case.
        const asked = caseItemFilter(defineAbility({ ...viewer, roles: [role] }), item, 'me');
        expect(remembered, `${role} on ${item.id}`).toEqual(asked);
        const seesSomething = ITEM_VISIBILITIES.some((visibility) =>
          [true, false].some((bundled) =>
            [null, 'me', 'someone'].some((addresseeId) =>
              canSeeCaseItem(ability, item, { visibility, bundled, addresseeId }),
            ),
          ),
        );
        expect(remembered !== false, `${role} on ${item.id}`).toBe(seesSomething);
      }
    }
  });

  it('hands out a copy, so a caller that rewrites its filter changes nobody else’s', () => {
    const ability = defineAbility(plainViewer('me', ['handler']));
    const first = caseItemFilter(ability, kase('case-a', { handlerIds: ['me'] }), 'me');
    (first as Record<string, unknown>).visibility = 'tampered';
    const second = caseItemFilter(ability, kase('case-b', { handlerIds: ['me'] }), 'me');
    expect(second).not.toHaveProperty('visibility', 'tampered');
  });
});
