import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, fileComplaintAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import {
  ACCEPT_INVITATION as ACCEPT,
  CREATE_CLIENT_ACCOUNT as CREATE,
  END_MEMBERSHIP,
  INVITATION_PREVIEW as PREVIEW,
  linkTokenMailedTo as mailedLink,
} from '../../../test/member-operations.js';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp-server.js';
import type { KlachtpadWorker } from '../../jobs.js';
import { Invitation } from './invitation.entity.js';
import { Membership } from './membership.entity.js';

const INVITE_ACCOUNT = /* GraphQL */ `
  mutation InviteAccount($input: InviteClientAccountInput!) {
    inviteClientAccount(input: $input) {
      id
      email
    }
  }
`;
const MY_CASES = /* GraphQL */ `
  query {
    me {
      id
      displayName
    }
    cases {
      edges {
        node {
          id
        }
      }
    }
  }
`;
type Created = {
  createClientAccount: {
    member: { userId: string; displayName: string; roles: string[]; email: string | null };
    invitation: { id: string; email: string; roles: string[] } | null;
  };
};

describe('walk-in clients: an account staff make, a case filed for it, an invitation that claims it', () => {
  let smtp: SmtpTestServer;
  let server: TestServer;
  let worker: KlachtpadWorker;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, organisation = org.slug): Actor => ({
    token: tokens[name],
    organisation,
  });
  const stamp = Date.now();
  const address = (name: string) => `${name}-${stamp}@example.test`;
  // Every account staff make is a membership of the organisation: counting those counts them.
  const accounts = () => countRows(server, org, Membership);
  const invitations = () => countRows(server, org, Invitation);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      handler: ['handler'],
      client: ['client'],
      confidant: ['confidant'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    worker = await server.startWorker([org, other]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('lets a handler make the account, file for the client, invite them; the client joins and sees the case', async () => {
    const created = await server.gql<Created>(
      CREATE,
      { input: { displayName: '  Mevrouw De Vries ', language: 'NL' } },
      as('handler'),
    );
    expect(created.errors).toBeUndefined();
    const { member, invitation } = created.data!.createClientAccount;
    expect(member).toMatchObject({
      displayName: 'Mevrouw De Vries',
      roles: ['CLIENT'],
      email: null,
    });
    expect(invitation).toBeNull();

    // The handler takes down her complaint at the desk, for the account just made.
    const caseId = await fileComplaintAs(server, as('handler'), {
      clientId: member.userId,
      channel: 'in-person',
      parts: [{ summary: 'Aan de balie gemeld: de thuiszorg kwam drie keer niet.' }],
    });

    // Later she gives an address; the invitation is for her account.
    const email = address('devries');
    const invited = await server.gql<{ inviteClientAccount: { email: string } }>(
      INVITE_ACCOUNT,
      { input: { userId: member.userId, email: email.toUpperCase() } },
      as('handler'),
    );
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteClientAccount.email).toBe(email);
    const token = await mailedLink(smtp, worker, email, 1);
    const preview = await server.gql<{ invitation: Record<string, unknown> }>(PREVIEW, { token });
    expect(preview.data!.invitation).toMatchObject({ roles: ['CLIENT'], accountExists: false });

    const before = await accounts();
    const weak = await server.gql(ACCEPT, { input: { token, password: 'kort' } });
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const accepted = await server.gql<{ acceptInvitation: { token: string } }>(ACCEPT, {
      input: { token, password: 'mijn eigen lange wachtwoord' },
    });
    expect(accepted.errors).toBeUndefined();
    // No second account: the one staff made is hers now (checked below by who signs in).
    expect(await accounts()).toBe(before);

    const fresh = await signIn(server, {
      id: member.userId,
      email,
      password: 'mijn eigen lange wachtwoord',
    });
    const mine = await server.gql<{
      me: { id: string; displayName: string };
      cases: { edges: { node: { id: string } }[] };
    }>(MY_CASES, {}, { token: fresh, organisation: org.slug });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me).toEqual({ id: member.userId, displayName: 'Mevrouw De Vries' });
    expect(mine.data!.cases.edges.map((e) => e.node.id)).toEqual([caseId]);

    // The link works once, and a joined account is not invited as a walk-in again.
    const twice = await server.gql(ACCEPT, {
      input: { token, password: 'mijn eigen lange wachtwoord' },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const again = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: member.userId, email: address('opnieuw') } },
      as('handler'),
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends the invitation at once when the client gives an address with the account', async () => {
    const email = address('jansen');
    const created = await server.gql<Created>(
      CREATE,
      { input: { displayName: 'Meneer Jansen', email } },
      as('director'),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createClientAccount.invitation).toMatchObject({
      email,
      roles: ['CLIENT'],
    });
    const token = await mailedLink(smtp, worker, email, 1);
    const accepted = await server.gql(ACCEPT, {
      input: { token, password: 'een ander lang wachtwoord' },
    });
    expect(accepted.errors).toBeUndefined();
    const fresh = await signIn(server, { id: '', email, password: 'een ander lang wachtwoord' });
    const me = await server.gql<{ me: { id: string } }>(
      MY_CASES,
      {},
      { token: fresh, organisation: org.slug },
    );
    expect(me.data!.me.id).toBe(created.data!.createClientAccount.member.userId);
  });

  it('refuses an address that already has an account when the link is used, and keeps the walk-in account waiting', async () => {
    const created = await server.gql<Created>(
      CREATE,
      { input: { displayName: 'Dubbel Adres', email: org.people.client!.email } },
      as('handler'),
    );
    expect(created.errors).toBeUndefined();
    const token = await mailedLink(smtp, worker, org.people.client!.email, 1);
    const taken = await server.gql(ACCEPT, {
      input: { token, password: 'een lang genoeg wachtwoord' },
    });
    expect(taken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The account itself is unchanged and still waits: staff invite it to another address.
    const retry = await server.gql(
      INVITE_ACCOUNT,
      {
        input: {
          userId: created.data!.createClientAccount.member.userId,
          email: address('dubbel'),
        },
      },
      as('handler'),
    );
    expect(retry.errors).toBeUndefined();
    // The newer invitation of the account withdrew the older link.
    expect((await server.gql(PREVIEW, { token })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('withdraws the waiting invitation when the client’s membership ends, so the link cannot start it again', async () => {
    const email = address('vertrokken');
    const created = await server.gql<Created>(
      CREATE,
      { input: { displayName: 'Vertrokken Cliënt', email } },
      as('handler'),
    );
    expect(created.errors).toBeUndefined();
    const token = await mailedLink(smtp, worker, email, 1);
    const ended = await server.gql(
      END_MEMBERSHIP,
      { userId: created.data!.createClientAccount.member.userId },
      as('director'),
    );
    expect(ended.errors).toBeUndefined();
    // The link is answered as any withdrawn link is, and accepting it joins nobody.
    expect((await server.gql(PREVIEW, { token })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const before = await accounts();
    const accepted = await server.gql(ACCEPT, {
      input: { token, password: 'een heel lang wachtwoord' },
    });
    expect(accepted.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await accounts()).toBe(before);
  });

  it('gives clients, confidants and another organisation nothing, and refuses bad input with nothing written', async () => {
    const before = { accounts: await accounts(), invitations: await invitations() };
    for (const name of ['client', 'confidant']) {
      const refused = await server.gql(
        CREATE,
        { input: { displayName: 'Niet Toegestaan', email: address(`door-${name}`) } },
        as(name),
      );
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
    }
    // Another organisation's director, in their own organisation, cannot reach ours.
    const waiting = await server.gql<Created>(
      CREATE,
      { input: { displayName: 'Wachtende Cliënt' } },
      as('handler'),
    );
    const waitingId = waiting.data!.createClientAccount.member.userId;
    const afterOwn = { accounts: await accounts(), invitations: await invitations() };
    expect(afterOwn).toEqual({ ...before, accounts: before.accounts + 1 });

    const foreign = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: waitingId, email: address('vreemd') } },
      as('otherDirector', other.slug),
    );
    const unknown = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: '00000000-0000-4000-8000-000000000000', email: address('vreemd') } },
      as('otherDirector', other.slug),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    // Into our organisation they do not get at all.
    const intruder = await server.gql(
      CREATE,
      { input: { displayName: 'Indringer' } },
      as('otherDirector', org.slug),
    );
    expect(intruder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A client inviting the waiting account gets the role's refusal, not the account.
    const byClient = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: waitingId, email: address('door-client') } },
      as('client'),
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A staff member is not a walk-in client to invite.
    const staff = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: org.people.director!.id, email: address('staf') } },
      as('handler'),
    );
    expect(staff.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

    for (const input of [
      { displayName: '' },
      { displayName: '   ' },
      { displayName: 'x'.repeat(201) },
      { displayName: 'Nul\u0000Teken' },
      { displayName: 'Goed', email: 'geen adres' },
      { displayName: 'Goed', language: 'FR' },
    ]) {
      const bad = await server.gql(CREATE, { input }, as('handler'));
      expect(bad.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    const badInvite = await server.gql(
      INVITE_ACCOUNT,
      { input: { userId: waitingId, email: 'geen adres' } },
      as('handler'),
    );
    expect(badInvite.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect({ accounts: await accounts(), invitations: await invitations() }).toEqual(afterOwn);
  });
});
