import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

const LANGUAGE = /* GraphQL */ `
  query {
    me {
      language
    }
  }
`;
const SET_LANGUAGE = /* GraphQL */ `
  mutation ($language: Language!) {
    setLanguage(language: $language) {
      language
    }
  }
`;

describe('the language a person reads Klachtpad in', () => {
  let server: TestServer;
  let shelter: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer();
    shelter = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      neighbour: ['client'],
    });
  });
  afterAll(() => server.close());

  it('is unset until chosen, then follows the person to every session, and no one else', async () => {
    const token = await signIn(server, shelter.people.client!);
    expect((await server.gql(LANGUAGE, {}, { token })).data).toEqual({ me: { language: null } });

    const chosen = await server.gql(SET_LANGUAGE, { language: 'EN' }, { token });
    expect(chosen.errors).toBeUndefined();
    expect(chosen.data).toEqual({ setLanguage: { language: 'EN' } });

    // Another device: a new session of the same person.
    const elsewhere = await signIn(server, shelter.people.client!);
    expect((await server.gql(LANGUAGE, {}, { token: elsewhere })).data).toEqual({
      me: { language: 'EN' },
    });
    const neighbour = await signIn(server, shelter.people.neighbour!);
    expect((await server.gql(LANGUAGE, {}, { token: neighbour })).data).toEqual({
      me: { language: null },
    });

    await server.gql(SET_LANGUAGE, { language: 'NL' }, { token: elsewhere });
    expect((await server.gql(LANGUAGE, {}, { token })).data).toEqual({ me: { language: 'NL' } });
  });

  it('is refused without a session, and refuses a language Klachtpad does not speak', async () => {
    const anonymous = await server.gql(SET_LANGUAGE, { language: 'EN' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = await signIn(server, shelter.people.neighbour!);
    const unknown = await server.gql(SET_LANGUAGE, { language: 'DE' }, { token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.gql(LANGUAGE, {}, { token })).data).toEqual({ me: { language: null } });
  });
});
