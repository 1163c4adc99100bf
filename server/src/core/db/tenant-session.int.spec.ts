import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { Membership } from '../../modules/memberships/membership.entity.js';
import { Organisation } from '../../modules/organisations/organisation.entity.js';
import { createOrm } from '../../orm.js';
import type { Orm } from './orm.js';
import { inOneTransaction, withTenantTransaction } from './tenant-session.js';

/** Interleaves many scoped transactions over a tiny pool: scopes must never bleed across. */
describe('tenant scope under concurrency', () => {
  const database = inject('database');
  let orm: Orm;
  let server: TestServer;
  let a: ArrangedOrganisation;
  let b: ArrangedOrganisation;

  beforeAll(async () => {
    orm = await createOrm(database.runtimeUrl, 2);
    server = await startTestServer({ poolMax: 2 });
    a = await arrangeOrganisation(server.ownerOrm, {
      one: ['director'],
      two: ['client'],
      three: ['handler'],
    });
    b = await arrangeOrganisation(server.ownerOrm, { one: ['director'], two: ['client'] });
  });
  afterAll(async () => {
    await orm.close(true);
    await server.close();
  });

  it('never shows one organisation’s rows to another over a pool of two, also when transactions fail midway', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 120 }, (_, index) => {
        const organisation = index % 2 === 0 ? a : b;
        return withTenantTransaction(orm, { organisationId: organisation.id }, async (em) => {
          const rows = await em.find(Membership, {});
          // Every third transaction fails after it has read: its rollback must leave no scope behind.
          if (index % 3 === 0) throw new Error('fails midway');
          return { organisation, rows };
        });
      }),
    );
    const succeeded = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    expect(succeeded).toHaveLength(80);
    for (const { organisation, rows } of succeeded) {
      expect(rows.length).toBe(Object.keys(organisation.people).length);
      expect(rows.every((row) => row.organisationId === organisation.id)).toBe(true);
    }
    const unscoped = await withTenantTransaction(orm, {}, (em) => em.find(Membership, {}));
    expect(unscoped).toEqual([]);
  });

  it('answers interleaved GraphQL requests of two organisations each in its own scope', async () => {
    const tokenA = await signIn(server, a.people.one!);
    const tokenB = await signIn(server, b.people.one!);
    const query = 'query { me { activeOrganisation { slug } } }';
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const [token, organisation] = index % 2 === 0 ? [tokenA, a.slug] : [tokenB, b.slug];
        if (index % 5 === 0) {
          // A refused organisation and a failing operation in between must not disturb the rest.
          const refused = await server.gql(
            query,
            {},
            { token, organisation: index % 2 === 0 ? b.slug : a.slug },
          );
          expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          const broken = await server.gql(
            'mutation { verifyMfa(code: "123456") { token } }',
            {},
            { token, organisation },
          );
          expect(broken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        }
        const result = await server.gql<{ me: { activeOrganisation: { slug: string } } }>(
          query,
          {},
          { token, organisation },
        );
        return { expected: organisation, actual: result.data?.me.activeOrganisation.slug };
      }),
    );
    for (const { expected, actual } of results) expect(actual).toBe(expected);
  });
});

/** The demo loader's one transaction (issue 15): many transactions that commit as one. */
describe('inOneTransaction', () => {
  const database = inject('database');
  let server: TestServer;
  /** Another process's view: its transactions are never part of the enclosing one. */
  let elsewhere: Orm;
  let a: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer();
    elsewhere = await createOrm(database.migrationUrl, 1);
    a = await arrangeOrganisation(server.ownerOrm, { one: ['director'], two: ['client'] });
  });
  afterAll(async () => {
    await elsewhere.close(true);
    await server.close();
  });

  const organisationsCalled = (name: string) =>
    withTenantTransaction(elsewhere, {}, (em) => em.count(Organisation, { name }));

  it('commits nothing of its transactions until all of them are done, and nothing when one fails', async () => {
    const name = `Eén transactie ${a.slug}`;
    const seenMeanwhile: number[] = [];
    await expect(
      inOneTransaction(server.ownerOrm, async () => {
        await withTenantTransaction(server.ownerOrm, {}, async (em) => {
          em.create(Organisation, {
            id: randomUUID(),
            slug: `een-${a.slug}`,
            name,
            kind: 'care',
            mfaRequiredForStaff: false,
            handlerIntakeQueue: false,
            createdAt: new Date(),
          });
        });
        // Committed in its own right, it would be visible to another connection by now.
        seenMeanwhile.push(await organisationsCalled(name));
        throw new Error('cut off halfway');
      }),
    ).rejects.toThrow('cut off halfway');
    expect(seenMeanwhile).toEqual([0]);
    expect(await organisationsCalled(name)).toBe(0);

    await inOneTransaction(server.ownerOrm, () =>
      withTenantTransaction(server.ownerOrm, {}, async (em) => {
        em.create(Organisation, {
          id: randomUUID(),
          slug: `twee-${a.slug}`,
          name,
          kind: 'care',
          mfaRequiredForStaff: false,
          handlerIntakeQueue: false,
          createdAt: new Date(),
        });
      }),
    );
    expect(await organisationsCalled(name)).toBe(1);
  });

  it('starts each inner transaction with no scope and gives the outer one its scope back', async () => {
    const seen = await inOneTransaction(server.ownerOrm, () =>
      withTenantTransaction(server.ownerOrm, { organisationId: a.id }, async (em) => {
        const before = await em.count(Membership, {});
        const inner = await withTenantTransaction(server.ownerOrm, {}, (nested) =>
          nested.count(Membership, {}),
        );
        const after = await em.count(Membership, {});
        return { before, inner, after };
      }),
    );
    expect(seen).toEqual({ before: 2, inner: 0, after: 2 });
  });
});
