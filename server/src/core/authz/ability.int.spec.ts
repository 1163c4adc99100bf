import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fileCase, loadTemplate, type Position } from '@klachtpad/procedures';
import type { Role } from '@klachtpad/contracts';
import {
  arrangeOrganisation,
  publishTemplate,
  type ArrangedOrganisation,
} from '../../../test/harness.js';
import { Case } from '../../modules/cases/case.entity.js';
import { ProcedureVersion } from '../../modules/procedures/procedure-version.entity.js';
import { createOrm } from '../../orm.js';
import type { Orm } from '../db/orm.js';
import { withTenantTransaction } from '../db/tenant-session.js';
import { CaseEvent } from '../../modules/cases/case-event.entity.js';
import {
  asCase,
  caseFilter,
  caseItemFilter,
  canSeeCaseItem,
  defineAbility,
  plainViewer,
  type AbilityViewer,
  type CaseAction,
  type ItemAudience,
} from './ability.js';

/**
 * CASL parity: for generated cases and every role, the SQL filter that lists cases and
 * `ability.can` on each loaded case agree exactly. A list can then never show (or count) a case
 * its detail page would refuse, or hide one it would show.
 */
describe('CASL rules and their SQL translation agree', () => {
  const database = inject('database');
  let ownerOrm: Orm;
  let runtimeOrm: Orm;
  let organisation: ArrangedOrganisation;
  const people = ['a', 'b', 'c', 'd'];
  const commissions = [randomUUID(), randomUUID()];
  let caseIds: string[] = [];

  beforeAll(async () => {
    ownerOrm = await createOrm(database.migrationUrl, 2);
    runtimeOrm = await createOrm(database.runtimeUrl, 2);
    organisation = await arrangeOrganisation(ownerOrm, {
      a: ['client'],
      b: ['client', 'handler'],
      c: ['handler'],
      d: ['client'],
      director: ['director'],
    });
    await publishTemplate(ownerOrm, organisation, 'awb9', organisation.people.director!);
    const ids = people.map((name) => organisation.people[name]!.id);
    const pick = fc.subarray([...ids]);
    const generated = fc.sample(
      fc.record({
        client: fc.constantFrom(...ids),
        handlerIds: pick,
        subjectIds: pick,
        confidantIds: pick,
        commissionIds: fc.subarray(commissions),
        withBestuur: fc.boolean(),
      }),
      { numRuns: 60, seed: 20261120 },
    );
    const template = loadTemplate('awb9');
    await withTenantTransaction(ownerOrm, { organisationId: organisation.id }, async (em) => {
      const version = await em.findOneOrFail(ProcedureVersion, { organisationId: organisation.id });
      const filed = fileCase(
        { ...template, version: version.version },
        { complainant: template.eligibility.complainants[0]!.id, parts: [{ summary: 'x' }] },
        new Date(),
      );
      if (!filed.ok) throw new Error('filing the template failed');
      caseIds = generated.map((row, index) => {
        const id = randomUUID();
        em.create(Case, {
          organisationId: organisation.id,
          id,
          reference: `P-2026-${String(index + 1).padStart(4, '0')}`,
          procedureVersionId: version.id,
          clientId: row.client,
          filedById: row.client,
          channel: 'portal',
          category: null,
          handlerIds: row.handlerIds,
          releasedHandlerIds: [],
          subjectIds: row.subjectIds,
          confidantIds: row.confidantIds,
          commissionIds: row.commissionIds,
          stages: [],
          withBestuur: row.withBestuur,
          state: filed.state,
          version: 1,
          receivedOn: filed.state.receivedOn,
          nextDueOn: null,
          closed: false,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
        return id;
      });
      await em.flush();
      // Every audience an item can have, on every case, so item filters meet each combination.
      const audiences: ItemAudience[] = [
        { visibility: 'shared', bundled: false, addresseeId: null },
        { visibility: 'shared', bundled: true, addresseeId: null },
        { visibility: 'internal', bundled: false, addresseeId: null },
        { visibility: 'internal', bundled: true, addresseeId: null },
        ...ids.flatMap((addresseeId) => [
          { visibility: 'subject' as const, bundled: false, addresseeId },
          { visibility: 'subject' as const, bundled: true, addresseeId },
        ]),
      ];
      for (const caseId of caseIds) {
        audiences.forEach((audience, index) =>
          em.persist(
            Object.assign(new CaseEvent(), {
              organisationId: organisation.id,
              caseId,
              case: em.getReference(Case, [organisation.id, caseId]),
              sequence: index + 1,
              type: 'note',
              payload: {},
              occurredAt: new Date(),
              ...audience,
            }),
          ),
        );
      }
    });
  });
  afterAll(async () => {
    await ownerOrm.close(true);
    await runtimeOrm.close(true);
  });

  /**
   * Name, roles, commission memberships, whether the organisation has the intake queue on, and a
   * director's position where the organisation tells directie and bestuur apart.
   */
  const viewers: [string, Role[], string[], boolean, Position?][] = [
    ['a', ['client'], [], false],
    ['b', ['client', 'handler'], [], false],
    ['c', ['handler'], [], false],
    ['c', ['confidant'], [], false],
    ['d', ['manager'], [], false],
    ['a', ['director'], [], false],
    ['d', ['commission'], [commissions[0]!], false],
    ['c', ['commission', 'handler'], commissions, false],
    // The intake queue: unassigned cases, minus those the handler is a subject of.
    ['c', ['handler'], [], true],
    ['b', ['client', 'handler'], [], true],
    ['c', ['commission', 'handler'], commissions, true],
    ['a', ['client'], [], true],
    // A directie apart from its bestuur: the cases the bestuur has it reads, never writes on.
    ['a', ['director'], [], false, 'directie'],
    ['b', ['director', 'handler'], [], true, 'directie'],
    ['c', ['director'], [], false, 'bestuur'],
  ];

  /**
   * The viewer as the request layer would build them. A commission member's running referrals are
   * every other case referred to one of their commissions: the rest stand for referrals whose term
   * has passed, so the `id` condition is exercised too.
   */
  async function viewerOf(
    name: string,
    roles: Role[],
    commissionIds: string[],
    handlerIntakeQueue: boolean,
    position?: Position,
  ): Promise<AbilityViewer> {
    const referred = await withTenantTransaction(
      runtimeOrm,
      { organisationId: organisation.id },
      (em) => em.find(Case, { id: { $in: caseIds }, commissionIds: { $overlap: commissionIds } }),
    );
    return {
      ...plainViewer(organisation.people[name]!.id, roles),
      commissionIds,
      referredCaseIds: referred
        .map((c) => c.id)
        .sort()
        .filter((_, index) => index % 2 === 0),
      handlerIntakeQueue,
      ...(position ? { positions: [position] } : {}),
    };
  }

  it.each(viewers)('agrees for %s as %j', async (name, roles, commissionIds, intake, position) => {
    const ability = defineAbility(await viewerOf(name, roles, commissionIds, intake, position));
    const listed: Partial<Record<CaseAction, string[]>> = {};
    for (const action of ['read', 'readInternal', 'contribute', 'work'] as CaseAction[]) {
      const filter = caseFilter(ability, action);
      const { inSql, byAbility } = await withTenantTransaction(
        runtimeOrm,
        { organisationId: organisation.id },
        async (em) => {
          const all = await em.find(Case, { id: { $in: caseIds } });
          const listed =
            filter === false
              ? []
              : await em.find(Case, { $and: [{ id: { $in: caseIds } }, filter] } as never);
          return {
            inSql: listed.map((c) => c.id).sort(),
            byAbility: all
              .filter((c) => ability.can(action, asCase(c)))
              .map((c) => c.id)
              .sort(),
          };
        },
      );
      expect(inSql, `${action}`).toEqual(byAbility);
      listed[action] = inSql;
      if (intake && roles.includes('handler')) {
        // The generated cases include unassigned ones, so the queue's translation is exercised.
        const unassigned = await withTenantTransaction(
          runtimeOrm,
          { organisationId: organisation.id },
          (em) => em.find(Case, { id: { $in: inSql } }),
        );
        expect(unassigned.some((c) => c.handlerIds.length === 0)).toBe(true);
      }
    }
    // The generated cases include some the bestuur has, so the directie's rule is exercised.
    if (position === 'directie')
      expect(listed.work!.length).toBeLessThan(listed.readInternal!.length);
  });

  it.each(viewers)(
    'agrees on the items of every case for %s as %j',
    async (name, roles, ids, intake, position) => {
      const userId = organisation.people[name]!.id;
      const ability = defineAbility(await viewerOf(name, roles, ids, intake, position));
      await withTenantTransaction(runtimeOrm, { organisationId: organisation.id }, async (em) => {
        const cases = await em.find(Case, { id: { $in: caseIds } });
        let seen = 0;
        for (const kase of cases) {
          const events = await em.find(CaseEvent, { caseId: kase.id });
          const filter = caseItemFilter(ability, kase, userId);
          const listed =
            filter === false
              ? []
              : await em.find(CaseEvent, { $and: [{ caseId: kase.id }, filter] } as never);
          const byAbility = events.filter((event) => canSeeCaseItem(ability, kase, event));
          expect(listed.map((e) => e.sequence).sort(), kase.id).toEqual(
            byAbility.map((e) => e.sequence).sort(),
          );
          seen += listed.length;
        }
        // The generated cases give every viewer something to see, so agreement is not vacuous.
        expect(seen).toBeGreaterThan(0);
      });
    },
  );

  it('shows a subject only the items addressed to them, and nothing internal', () => {
    const userId = organisation.people.c!.id;
    const kase = {
      id: randomUUID(),
      clientId: organisation.people.a!.id,
      handlerIds: [userId],
      subjectIds: [userId],
      confidantIds: [],
      commissionIds: [],
      withBestuur: false,
    };
    const manager = defineAbility(plainViewer(userId, ['manager', 'handler']));
    expect(manager.can('read', asCase(kase))).toBe(true);
    expect(manager.can('readInternal', asCase(kase))).toBe(false);
    const item = (visibility: ItemAudience['visibility'], addresseeId: string | null) =>
      canSeeCaseItem(manager, kase, { visibility, bundled: false, addresseeId });
    expect(item('shared', null)).toBe(false);
    expect(item('internal', null)).toBe(false);
    expect(item('subject', userId)).toBe(true);
    expect(item('subject', organisation.people.b!.id)).toBe(false);
  });
});
