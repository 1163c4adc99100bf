import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { Membership } from '../../modules/memberships/membership.entity.js';
import { createOrm } from '../../orm.js';
import type { Orm } from './orm.js';
import { withTenantTransaction } from './tenant-session.js';

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
