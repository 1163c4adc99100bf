import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignHandlerAs, fileComplaintAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket } from '../../../test/live-socket.js';
import { dashboardComputations } from './realtime.service.js';

const DASHBOARD = /* GraphQL */ `
  subscription Dashboard {
    dashboardUpdated {
      open
      closed
      stages {
        stage
        count
      }
    }
  }
`;
const DASHBOARD_QUERY = /* GraphQL */ `
  query {
    dashboard {
      open
    }
  }
`;

interface Pushed {
  dashboardUpdated: { open: number; closed: number; stages: { stage: string; count: number }[] };
}

/** The other organisation's cases: only its own director counts them. */
const OTHER_CASES = 3;

/**
 * Live dashboards at one organisation (ADR 0078): viewers who see the same cases share one
 * counting per change, viewers who see different cases each get their own, and an organisation's
 * change never reaches, nor is counted for, another organisation's viewers.
 */
describe('dashboardUpdated, counted once per group of viewers', { timeout: 180_000 }, () => {
  let a: TestServer;
  let b: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  const person = (name: string) => org.people[name]!.id;
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });
  const live = async (name: string, slug = org.slug) => {
    const socket = await LiveSocket.open(a.url, { token: tokens[name], organisation: slug });
    sockets.push(socket);
    socket.subscribe('d', DASHBOARD);
    return socket;
  };
  /** Counting statements of the dashboard (the four counts and the count per stage). */
  const counting: string[] = [];
  const onQuery = (query: { sql: string }) => {
    if (/count\(/i.test(query.sql)) counting.push(query.sql);
  };

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ clock: a.clock });
    org = await arrangeOrganisation(a.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      manager2: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(a.ownerOrm, { director: ['director'], client: ['client'] });
    await publishTemplate(a.ownerOrm, org, 'bureau-mhr', org.people.director!);
    await publishTemplate(a.ownerOrm, other, 'bureau-mhr', other.people.director!);
    for (const name of Object.keys(org.people)) tokens[name] = await signIn(a, org.people[name]!);
    tokens.otherDirector = await signIn(a, other.people.director!);
    tokens.otherClient = await signIn(a, other.people.client!);
    // handler: one case; handler2: two; one case nobody is assigned to.
    const cases: string[] = [];
    for (let i = 0; i < 4; i += 1)
      cases.push(
        await fileComplaintAs(a, as('client'), { parts: [{ summary: `Klacht nummer ${i}.` }] }),
      );
    await assignHandlerAs(a, as('manager'), cases[0]!, person('handler'));
    await assignHandlerAs(a, as('manager'), cases[1]!, person('handler2'));
    await assignHandlerAs(a, as('manager'), cases[2]!, person('handler2'));
    for (let i = 0; i < OTHER_CASES; i += 1)
      await fileComplaintAs(
        a,
        { token: tokens.otherClient, organisation: other.slug },
        { parts: [{ summary: `Elders ${i}.` }] },
      );
    a.runtimeOrm.em.getKnex().on('query', onQuery);
  });
  afterAll(async () => {
    a?.runtimeOrm.em.getKnex().off('query', onQuery);
    for (const socket of sockets) socket.ws.terminate();
    await a?.close();
    await b?.close();
  });

  it('counts once per group, gives each group its own counts, and keeps organisations apart', async () => {
    // What one dashboard costs in counting statements, asked over HTTP.
    counting.length = 0;
    const asked = await a.gql<{ dashboard: { open: number } }>(DASHBOARD_QUERY, {}, as('manager'));
    expect(asked.data?.dashboard.open).toBe(4);
    const perDashboard = counting.length;
    expect(perDashboard).toBeGreaterThan(0);
    // A handler's costs less: lead times and trends are the leadership's alone (ADR 0086).
    counting.length = 0;
    await a.gql(DASHBOARD_QUERY, {}, as('handler'));
    const perHandlerDashboard = counting.length;
    expect(perHandlerDashboard).toBeGreaterThan(0);

    // Three groups at `org` over seven sockets: the leadership (who see every case), handler
    // (two sockets of one person) and handler2; and another organisation's director.
    const leadership = [await live('manager'), await live('manager2'), await live('director')];
    const handler = [await live('handler'), await live('handler')];
    const handler2 = await live('handler2');
    const otherDirector = await live('otherDirector', other.slug);
    const everyone = [...leadership, ...handler, handler2, otherDirector];
    for (const socket of everyone) await socket.waitForNexts('d', 1);
    const first = (socket: LiveSocket) => socket.nexts<Pushed>('d')[0]!.dashboardUpdated;
    for (const socket of leadership) expect(first(socket).open).toBe(4);
    for (const socket of handler) expect(first(socket).open).toBe(1);
    expect(first(handler2).open).toBe(2);
    expect(first(otherDirector).open).toBe(OTHER_CASES);

    // One change at `org`, made through the other process.
    const before = dashboardComputations(a.app.feed);
    counting.length = 0;
    const filed = await fileComplaintAs(b, as('client'), {
      parts: [{ summary: 'Een vijfde klacht.' }],
    });
    for (const socket of leadership) {
      const pushes = await socket.waitForNexts<Pushed>('d', 2);
      expect(pushes[1]!.dashboardUpdated.open).toBe(5);
    }
    // The handlers were asked too (their counts did not change, so nothing was sent): wait
    // until the three groups were counted, then a moment for anything more to show itself.
    const deadline = Date.now() + 60_000;
    while (dashboardComputations(a.app.feed) - before < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(dashboardComputations(a.app.feed) - before).toBe(3);
    expect(counting).toHaveLength(perDashboard + 2 * perHandlerDashboard);

    // The unassigned new case is in no handler's counts; the other organisation heard nothing.
    for (const socket of [...handler, handler2]) expect(socket.nexts('d')).toHaveLength(1);
    expect(otherDirector.nexts('d')).toHaveLength(1);
    expect(otherDirector.raw.join('\n')).not.toContain(filed);

    // Assigning it to handler changes handler's group only, and it is counted for them alone
    // among the handlers: handler2 keeps their two.
    await assignHandlerAs(b, as('manager'), filed, person('handler'));
    for (const socket of handler) {
      const pushes = await socket.waitForNexts<Pushed>('d', 2);
      expect(pushes[1]!.dashboardUpdated.open).toBe(2);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(handler2.nexts('d')).toHaveLength(1);
    expect(otherDirector.nexts('d')).toHaveLength(1);
    for (const socket of everyone) await socket.close();
  });
});
