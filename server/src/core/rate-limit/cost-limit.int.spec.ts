import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

/** An expensive query for a director: a page of fifty cases with their fields (cost 1 + 50 × 5). */
const EXPENSIVE = '{ cases(first: 50) { totalCount edges { node { id reference } } } }';
const CHEAP = '{ me { id } }';

async function post(server: TestServer, query: string, token: string, organisation: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      connection: 'close',
      authorization: `Bearer ${token}`,
      'x-organisation': organisation,
    },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    errors?: { message: string; extensions: { code: string } }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('rate limits on GraphQL cost (ADR 0065)', () => {
  let server: TestServer;
  let flooded: ArrangedOrganisation;
  let neighbour: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMIT_USER_COST: '1000',
        RATE_LIMIT_ORGANISATION_COST: '1500',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
      },
    });
    flooded = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      handler: ['handler'],
      colleague: ['handler'],
    });
    neighbour = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
  });
  afterAll(() => server.close());

  it('throttles one person’s flood with 429 RATE_LIMITED and Retry-After, and serves the neighbour', async () => {
    const director = await signIn(server, flooded.people.director!);
    const other = await signIn(server, neighbour.people.director!);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(server, EXPENSIVE, director, flooded.slug)),
    );
    const served = answers.filter((a) => a.status === 200 && !a.body.errors);
    const refused = answers.filter((a) => a.status === 429);
    // 1000 points at about 200 a query: four or five go through, the rest are refused.
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(served.length).toBeLessThanOrEqual(5);
    expect(refused.length).toBe(20 - served.length);
    for (const answer of refused) {
      expect(answer.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      // The message tells what to do, not how large the budget is.
      expect(answer.body.errors?.[0]?.message).not.toMatch(/1000|1500/);
    }
    // The same person keeps being refused, also for a cheap question, in this window.
    expect((await post(server, CHEAP, director, flooded.slug)).status).toBe(429);
    // Another organisation's director is served as before.
    const neighbourAnswer = await post(server, EXPENSIVE, other, neighbour.slug);
    expect(neighbourAnswer.status).toBe(200);
    expect(neighbourAnswer.body.errors).toBeUndefined();
  });

  it('caps an organisation as a whole, so its members together cannot take the server either', async () => {
    const handler = await signIn(server, flooded.people.handler!);
    const colleague = await signIn(server, flooded.people.colleague!);
    // The director spent about 1000 of the organisation's 1500: the handler gets about 500 more.
    const answers = [];
    for (let i = 0; i < 6; i += 1)
      answers.push(await post(server, EXPENSIVE, handler, flooded.slug));
    const served = answers.filter((a) => a.status === 200).length;
    expect(served).toBeGreaterThanOrEqual(1);
    expect(served).toBeLessThanOrEqual(3);
    const colleagueAnswer = await post(server, EXPENSIVE, colleague, flooded.slug);
    expect(colleagueAnswer.status).toBe(429);
    expect(colleagueAnswer.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    // Outside the organisation the colleague is their own person again.
    expect((await post(server, CHEAP, colleague, '')).status).toBe(200);
  });
});
