import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN,
  arrangeOrganisation,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../db/tenant-session.js';
import { User } from '../../modules/users/user.entity.js';

describe('GraphQL hardening', () => {
  let server: TestServer;
  let organisation: ArrangedOrganisation;
  const savedNodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    // Production is the default: nothing about NODE_ENV or KLACHTPAD_MODE is set here.
    delete process.env.NODE_ENV;
    server = await startTestServer();
    organisation = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
  });
  afterAll(async () => {
    process.env.NODE_ENV = savedNodeEnv;
    await server.close();
  });

  it('runs in production mode when nothing says otherwise', () => {
    expect(server.config.mode).toBe('production');
  });

  it('refuses introspection', async () => {
    const result = await server.gql('{ __schema { queryType { name } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
    const typeQuery = await server.gql('{ __type(name: "Me") { fields { name } } }');
    expect(typeQuery.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not suggest field names', async () => {
    const result = await server.gql('{ mee { id } }');
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  async function failedSignIns(): Promise<number> {
    const email = organisation.people.client!.email;
    return withTenantTransaction(server.ownerOrm, { signInEmail: email }, async (em) => {
      const user = await em.findOneOrFail(User, { email });
      return user.failedSignIns;
    });
  }

  it('refuses too many aliases before executing any of them', async () => {
    const before = await failedSignIns();
    const aliases = Array.from(
      { length: 30 },
      (_, i) =>
        `a${i}: signIn(email: "${organisation.people.client!.email}", password: "wrong") { token }`,
    ).join('\n');
    const result = await server.gql(`mutation { ${aliases} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
    expect(await failedSignIns()).toBe(before);
  });

  it('refuses deep and oversized queries before execution', async () => {
    const deep = `{ me { ${'memberships { '.repeat(12)} slug ${'} '.repeat(12)} } }`;
    expect((await server.gql(deep)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wide = `{ me { ${Array.from({ length: 3000 }, () => 'id').join(' ')} } }`;
    expect((await server.gql(wide)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over the size limit', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2_000_000) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses batched requests and simple cross-site requests', async () => {
    const batch = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
    const csrf = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        method: 'GET',
      },
    );
    expect(csrf.status).toBe(400);
  });

  it('releases the database connection of every refused request', async () => {
    // More refused batches than the pool has connections: a leak would starve the next request.
    for (let i = 0; i < 8; i += 1) {
      const batch = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ __typename }' }]),
      });
      expect(batch.status).toBe(400);
    }
    expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('answers wrong argument types with BAD_USER_INPUT', async () => {
    const result = await server.gql(SIGN_IN, { email: 42, password: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('masks unexpected errors: a code and a reference, no SQL and no stack', async () => {
    const broken = await startTestServer();
    await broken.runtimeOrm.close(true);
    try {
      const result = await broken.gql(SIGN_IN, {
        email: organisation.people.client!.email,
        password: 'x',
      });
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toMatch(/^Something went wrong on our side\. Reference: [\w-]+\.$/);
      expect(JSON.stringify(result)).not.toMatch(/select|users|stack|at .*\.ts/i);
    } finally {
      await broken.close();
    }
  });
});
