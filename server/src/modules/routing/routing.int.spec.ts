import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import {
  CREATE_UNIT,
  DELETE_UNIT,
  SET_DIRECTOR_POSITION,
  SET_STAGE_ROUTE,
  SET_UNIT_MEMBERS,
  STAGE_ROUTES,
  UNITS,
  UPDATE_UNIT,
  arrangeAs,
} from '../../../test/routing-operations.js';
import { MEMBERS } from '../../../test/member-operations.js';

interface UnitNode {
  id: string;
  name: string;
  managerId: string | null;
  memberIds: string[];
}

interface RouteNode {
  track: string;
  stage: string;
  role: string;
  position: string | null;
  byUnit: boolean;
  defaultAssigneeId: string | null;
}

/**
 * A director shapes who is responsible for what (ADR 0098): teams and locations with their
 * manager, which staff work where, whether a director is the directie or the bestuur, and who each
 * stage of the procedure goes to. Nobody else may, another organisation sees none of it, and a
 * bad input is refused with its field and writes nothing.
 */
describe('units, positions and routing rules', () => {
  let server: TestServer;
  let mo: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, organisation = mo) => ({
    token: tokens[`${organisation.slug}.${name}`],
    organisation: organisation.slug,
  });
  const person = (name: string) => mo.people[name]!.id;

  /** Everything the set-up holds, as the director reads it. */
  const structure = async () => {
    const director = as('director');
    const [units, routes, members] = await Promise.all([
      server.gql<{ units: UnitNode[] }>(UNITS, {}, director),
      server.gql<{ stageRoutes: RouteNode[] }>(STAGE_ROUTES, {}, director),
      server.gql<{ members: { userId: string; position: string | null }[] }>(
        MEMBERS.replace('memberSince', 'memberSince\n      position'),
        {},
        director,
      ),
    ]);
    return { units: units.data, routes: routes.data, members: members.data };
  };

  beforeAll(async () => {
    server = await startTestServer();
    mo = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      manager2: ['manager'],
      director: ['director'],
      board: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      manager: ['manager'],
    });
    await publishTemplate(server.ownerOrm, mo, 'mo', mo.people.director!);
    await publishTemplate(server.ownerOrm, other, 'mo', other.people.director!);
    for (const organisation of [mo, other])
      for (const [name, who] of Object.entries(organisation.people))
        tokens[`${organisation.slug}.${name}`] = await signIn(server, who);
  });
  afterAll(() => server.close());

  it('lets a director set up units with their manager and staff, positions and the rule per stage', async () => {
    const { createUnit: noord } = await arrangeAs<{ createUnit: UnitNode }>(
      server,
      as('director'),
      CREATE_UNIT,
      { name: 'Team Noord', managerId: person('manager') },
    );
    expect(noord).toMatchObject({
      name: 'Team Noord',
      managerId: person('manager'),
      memberIds: [],
    });
    const members = await arrangeAs<{ setUnitMembers: UnitNode }>(
      server,
      as('director'),
      SET_UNIT_MEMBERS,
      { unitId: noord.id, memberIds: [person('employee'), person('handler')] },
    );
    expect(members.setUnitMembers.memberIds).toEqual(
      [person('employee'), person('handler')].sort(),
    );
    const renamed = await arrangeAs<{ updateUnit: UnitNode }>(server, as('director'), UPDATE_UNIT, {
      unitId: noord.id,
      name: 'Locatie Noord',
      managerId: person('manager2'),
    });
    expect(renamed.updateUnit).toMatchObject({
      name: 'Locatie Noord',
      managerId: person('manager2'),
    });
    // Replacing the staff: who is not listed any more leaves the unit.
    const fewer = await arrangeAs<{ setUnitMembers: UnitNode }>(
      server,
      as('director'),
      SET_UNIT_MEMBERS,
      { unitId: noord.id, memberIds: [person('employee')] },
    );
    expect(fewer.setUnitMembers.memberIds).toEqual([person('employee')]);

    const position = await arrangeAs<{ setDirectorPosition: { position: string } }>(
      server,
      as('director'),
      SET_DIRECTOR_POSITION,
      { userId: person('board'), position: 'BESTUUR' },
    );
    expect(position.setDirectorPosition).toEqual({
      userId: person('board'),
      roles: ['DIRECTOR'],
      position: 'BESTUUR',
    });

    const route = await arrangeAs<{ setStageRoute: RouteNode }>(
      server,
      as('director'),
      SET_STAGE_ROUTE,
      { stage: 'leidinggevende', byUnit: true, defaultAssigneeId: person('manager') },
    );
    expect(route.setStageRoute).toEqual({
      stage: 'leidinggevende',
      role: 'MANAGER',
      byUnit: true,
      defaultAssigneeId: person('manager'),
    });
    const { routes } = await structure();
    // Every stage staff answer for, in the procedure's order; a manager's stage follows the unit
    // unless a rule says otherwise.
    expect(
      routes?.stageRoutes.map((r) => [r.stage, r.role, r.byUnit, r.defaultAssigneeId]),
    ).toEqual([
      ['informeel', 'HANDLER', false, null],
      ['leidinggevende', 'MANAGER', true, person('manager')],
      ['gesprek', 'MANAGER', true, null],
      ['leidinggevende-afgehandeld', 'MANAGER', true, null],
      ['directeur', 'DIRECTOR', false, null],
      ['extern-mogelijk', 'MANAGER', true, null],
      ['reactie-organisatie', 'DIRECTOR', false, null],
    ]);
    // Neither a unit nor a default: the rule is gone, the stage is as the procedure has it.
    const cleared = await arrangeAs<{ setStageRoute: RouteNode }>(
      server,
      as('director'),
      SET_STAGE_ROUTE,
      { stage: 'gesprek', byUnit: false, defaultAssigneeId: null },
    );
    expect(cleared.setStageRoute).toMatchObject({ byUnit: true, defaultAssigneeId: null });
  });

  /** A unit of the story's own, so no story depends on another. */
  const ownUnit = async (name: string) =>
    (
      await arrangeAs<{ createUnit: UnitNode }>(server, as('director'), CREATE_UNIT, {
        name,
        managerId: person('manager'),
      })
    ).createUnit;

  it('refuses everyone but a director, and shows another organisation none of it', async () => {
    const unit = await ownUnit('Team West');
    const before = await structure();
    const attempts = [
      [CREATE_UNIT, { name: 'Team Zuid' }],
      [SET_DIRECTOR_POSITION, { userId: person('board'), position: 'DIRECTIE' }],
      [
        SET_STAGE_ROUTE,
        { stage: 'leidinggevende', byUnit: false, defaultAssigneeId: person('manager2') },
      ],
    ] as const;
    for (const who of ['manager', 'handler', 'client', 'confidant'])
      for (const [operation, input] of attempts) {
        const refused = await server.gql(operation, { input }, as(who));
        expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
        expect(refused.data).toBeNull();
      }
    expect((await server.gql(STAGE_ROUTES, {}, as('manager'))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    // The client and a confidant are not staff: no teams for them.
    for (const who of ['client', 'confidant'])
      expect((await server.gql(UNITS, {}, as(who))).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    // Staff see the teams, to know who works where.
    const seenByHandler = await server.gql<{ units: UnitNode[] }>(UNITS, {}, as('handler'));
    expect(seenByHandler.data).toEqual(before.units);
    expect(seenByHandler.data?.units.map((u) => u.name)).toContain('Team West');

    // Another organisation's director: their own (empty) set-up, nothing of ours to change.
    const theirs = await server.gql<{ units: UnitNode[] }>(UNITS, {}, as('director', other));
    expect(theirs.data?.units).toEqual([]);
    const elsewhere = [
      await server.gql(
        UPDATE_UNIT,
        { input: { unitId: unit.id, name: 'Overgenomen' } },
        as('director', other),
      ),
      await server.gql(
        SET_UNIT_MEMBERS,
        { input: { unitId: unit.id, memberIds: [] } },
        as('director', other),
      ),
    ];
    for (const refused of elsewhere)
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ours = [
      await server.gql(
        SET_DIRECTOR_POSITION,
        { input: { userId: person('board'), position: 'DIRECTIE' } },
        as('director', other),
      ),
      await server.gql(
        CREATE_UNIT,
        { input: { name: 'Team Oost', managerId: person('manager') } },
        as('director', other),
      ),
      await server.gql(
        SET_STAGE_ROUTE,
        { input: { stage: 'leidinggevende', byUnit: false, defaultAssigneeId: person('manager') } },
        as('director', other),
      ),
    ];
    // Our people are unknown people there.
    for (const refused of ours)
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // This organisation's slug with the other director's session: not a member, no entry.
    const intruder = await server.gql(
      CREATE_UNIT,
      { input: { name: 'Inbraak' } },
      { token: tokens[`${other.slug}.director`], organisation: mo.slug },
    );
    expect(intruder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await structure()).toEqual(before);
    expect(
      (await server.gql<{ units: UnitNode[] }>(UNITS, {}, as('director', other))).data?.units,
    ).toEqual([]);
  });

  it('lets a director delete a unit, its staff staying members; nobody else, nor another organisation', async () => {
    const leaving = await ownUnit('Team Weg');
    await arrangeAs(server, as('director'), SET_UNIT_MEMBERS, {
      unitId: leaving.id,
      memberIds: [person('employee'), person('handler')],
    });
    const staying = await ownUnit('Team Blijft');
    await arrangeAs(server, as('director'), SET_UNIT_MEMBERS, {
      unitId: staying.id,
      memberIds: [person('employee')],
    });
    const before = await structure();
    const remove = (id: string, actor = as('director')) =>
      server.gql<{ deleteUnit: UnitNode }>(DELETE_UNIT, { id }, actor);
    for (const who of ['manager', 'handler', 'client', 'confidant']) {
      const refused = await remove(leaving.id, as(who));
      expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    // Another organisation's director finds no such unit; neither does a bad id.
    expect((await remove(leaving.id, as('director', other))).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await remove(randomUUID())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await remove('geen-id')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await structure()).toEqual(before);

    // The director deletes it: the answer is the unit as it was, with the staff it released.
    const deleted = await remove(leaving.id);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteUnit).toEqual({
      id: leaving.id,
      name: 'Team Weg',
      managerId: person('manager'),
      memberIds: [person('employee'), person('handler')].sort(),
    });
    const after = await structure();
    expect(after.units!.units.map((unit) => unit.id)).not.toContain(leaving.id);
    expect(after.units!.units.find((unit) => unit.id === staying.id)?.memberIds).toEqual([
      person('employee'),
    ]);
    // Its staff stay members of the organisation, and the rules per stage are as they were.
    expect(after.members).toEqual(before.members);
    expect(after.routes).toEqual(before.routes);
    // Gone is gone: a second delete finds nothing.
    expect((await remove(leaving.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a bad input with its field and writes nothing', async () => {
    const unit = await ownUnit('Locatie Zuid');
    const before = await structure();
    const field = async (operation: string, input: Record<string, unknown>) => {
      const answer = await server.gql(operation, { input }, as('director'));
      expect(answer.data, JSON.stringify(input)).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const extensions = answer.errors?.[0]?.extensions ?? {};
      return extensions.field ?? (extensions.fields as { path: string }[] | undefined)?.[0]?.path;
    };
    // A unit's manager is a manager of this organisation; names are unique, whatever their case.
    expect(await field(CREATE_UNIT, { name: 'Team Oost', managerId: person('handler') })).toBe(
      'managerId',
    );
    expect(
      await field(CREATE_UNIT, { name: 'Team Oost', managerId: other.people.manager!.id }),
    ).toBe('managerId');
    expect(await field(CREATE_UNIT, { name: 'locatie zuid' })).toBe('name');
    expect(await field(CREATE_UNIT, { name: '   ' })).toBe('name');
    expect(await field(CREATE_UNIT, { name: 'x'.repeat(201) })).toBe('name');
    expect(await field(CREATE_UNIT, { name: 'Team\u0000Oost' })).toBe('name');
    expect(await field(UPDATE_UNIT, { unitId: 'geen-id', name: 'Team Oost' })).toBe('unitId');
    // Only staff belong to a unit.
    expect(await field(SET_UNIT_MEMBERS, { unitId: unit.id, memberIds: [person('client')] })).toBe(
      'memberIds',
    );
    expect(
      await field(SET_UNIT_MEMBERS, {
        unitId: unit.id,
        memberIds: [person('employee'), randomUUID()],
      }),
    ).toBe('memberIds');
    // A position is a director's, and not one's own to change.
    expect(
      await field(SET_DIRECTOR_POSITION, { userId: person('manager'), position: 'BESTUUR' }),
    ).toBe('userId');
    expect(
      await field(SET_DIRECTOR_POSITION, { userId: person('director'), position: 'DIRECTIE' }),
    ).toBe('userId');
    // A stage of the procedure that staff answer for; the unit only for a manager's stage; a
    // default who can take the stage.
    expect(
      await field(SET_STAGE_ROUTE, {
        stage: 'bestaat-niet',
        byUnit: false,
        defaultAssigneeId: person('manager'),
      }),
    ).toBe('stage');
    expect(
      await field(SET_STAGE_ROUTE, {
        stage: 'extern-ingediend',
        byUnit: false,
        defaultAssigneeId: person('manager'),
      }),
    ).toBe('stage');
    expect(await field(SET_STAGE_ROUTE, { stage: 'afgerond', byUnit: true })).toBe('stage');
    expect(await field(SET_STAGE_ROUTE, { stage: 'directeur', byUnit: true })).toBe('byUnit');
    expect(
      await field(SET_STAGE_ROUTE, {
        stage: 'leidinggevende',
        byUnit: false,
        defaultAssigneeId: person('handler'),
      }),
    ).toBe('defaultAssigneeId');
    expect(
      await field(SET_STAGE_ROUTE, {
        stage: 'directeur',
        byUnit: false,
        defaultAssigneeId: person('manager'),
      }),
    ).toBe('defaultAssigneeId');
    expect(await field(SET_STAGE_ROUTE, { stage: 'Leidinggevende!', byUnit: true })).toBe('stage');
    expect(await structure()).toEqual(before);
  });
});
