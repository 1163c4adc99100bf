import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  signIn,
  startTestServer,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import {
  ACCEPT_INVITATION as ACCEPT,
  CHANGE_MEMBER_ROLES as CHANGE,
  END_MEMBERSHIP as END,
  INVITATION_PREVIEW as PREVIEW,
  INVITE_MEMBER as INVITE,
  linkTokenMailedTo as mailedLink,
  MEMBERS,
  type MemberNode as Member,
} from '../../../test/member-operations.js';
import { bodyOf, startSmtpServer, type SmtpTestServer } from '../../../test/smtp-server.js';
import type { KlachtpadWorker } from '../../jobs.js';

const INVITATIONS = /* GraphQL */ `
  query {
    invitations {
      id
      email
    }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($id: ID!) {
    revokeInvitation(id: $id)
  }
`;
const ME = /* GraphQL */ `
  query {
    me {
      id
      memberships {
        slug
        roles
      }
      activeOrganisation {
        roles
      }
    }
  }
`;

describe('members: invitations by e-mail, ending access at once, roles', () => {
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

  const linkTokenMailedTo = (email: string, count: number) =>
    mailedLink(smtp, worker, email, count);

  async function invite(by: string, email: string, roles: string[]) {
    return server.gql<{ inviteMember: { id: string; roles: string[] } }>(
      INVITE,
      { input: { email, roles, displayName: 'Nieuwe Collega' } },
      as(by),
    );
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      manager: ['manager'],
      handler: ['handler'],
      client: ['client'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    worker = await server.startWorker([org, other]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('invites a new person, whose single-use link makes their account and membership', async () => {
    const email = address('nieuw');
    const invited = await invite('director', email.toUpperCase(), ['HANDLER']);
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteMember.roles).toEqual(['HANDLER']);
    const listed = await server.gql<{ invitations: { email: string }[] }>(
      INVITATIONS,
      {},
      as('manager'),
    );
    expect(listed.data!.invitations.map((i) => i.email)).toContain(email);

    const token = await linkTokenMailedTo(email, 1);
    const mail = bodyOf(smtp.to(email)[0]!.raw);
    // The mail does not say which organisation: whoever reads the inbox learns nothing.
    expect(mail).not.toContain(org.slug);
    expect(mail).not.toContain(`Organisation ${org.slug}`);

    const preview = await server.gql<{ invitation: Record<string, unknown> }>(PREVIEW, { token });
    expect(preview.data!.invitation).toEqual({
      organisationName: `Organisation ${org.slug}`,
      organisationSlug: org.slug,
      email,
      roles: ['HANDLER'],
      accountExists: false,
    });

    const weak = await server.gql(ACCEPT, { input: { token, password: 'kort' } });
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const accepted = await server.gql<{ acceptInvitation: { token: string } }>(ACCEPT, {
      input: { token, password: 'een lang genoeg wachtwoord', displayName: 'Noor Nieuw' },
    });
    expect(accepted.errors).toBeUndefined();
    tokens.nieuw = accepted.data!.acceptInvitation.token;
    const me = await server.gql<{ me: { activeOrganisation: { roles: string[] } } }>(
      ME,
      {},
      as('nieuw'),
    );
    expect(me.data!.me.activeOrganisation.roles).toEqual(['HANDLER']);
    // Signing in with the chosen password works too.
    const again = await signIn(server, { id: '', email, password: 'een lang genoeg wachtwoord' });
    expect(again).toBeTruthy();

    // The link works once; the preview says no more than for a link that never was.
    const twice = await server.gql(ACCEPT, {
      input: { token, password: 'een lang genoeg wachtwoord' },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const used = await server.gql(PREVIEW, { token });
    const never = await server.gql(PREVIEW, { token: 'x'.repeat(43) });
    expect(used.errors?.[0]?.message).toBe(never.errors?.[0]?.message);
    expect(used.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only managers and directors invite, a manager only to the roles of casework', async () => {
    const email = address('weigering');
    const promote = await invite('manager', email, ['DIRECTOR']);
    expect(promote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await invite('manager', email, ['CLIENT'])).errors).toBeUndefined();
    for (const name of ['handler', 'client']) {
      const refused = await invite(name, email, ['CLIENT']);
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
    }
    // Another organisation's director is nobody here.
    const outsider = await invite('otherDirector', email, ['CLIENT']);
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const theirs = await server.gql<{ invitations: { email: string }[] }>(
      INVITATIONS,
      {},
      as('otherDirector', other.slug),
    );
    expect(theirs.data!.invitations).toEqual([]);
    const clientView = await server.gql<{ invitations: unknown[] }>(INVITATIONS, {}, as('client'));
    expect(clientView.data!.invitations).toEqual([]);
    // A commission role belongs to a commission.
    const commission = await invite('director', email, ['COMMISSION']);
    expect(commission.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await server.gql(
      INVITE,
      { input: { email: 'geen adres', roles: [] } },
      as('director'),
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an expired or withdrawn link, and a newer invitation replaces an older one', async () => {
    const email = address('laat');
    await invite('director', email, ['CLIENT']);
    const first = await linkTokenMailedTo(email, 1);
    const second = await invite('director', email, ['CLIENT']);
    const latest = await linkTokenMailedTo(email, 2);
    const replaced = await server.gql(PREVIEW, { token: first });
    expect(replaced.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Another organisation cannot withdraw it; its own director can.
    const foreign = await server.gql(
      REVOKE,
      { id: second.data!.inviteMember.id },
      as('otherDirector', other.slug),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await server.gql(PREVIEW, { token: latest })).errors).toBeUndefined();
    await server.gql(REVOKE, { id: second.data!.inviteMember.id }, as('director'));
    expect((await server.gql(PREVIEW, { token: latest })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    const late = address('verlopen');
    await invite('director', late, ['CLIENT']);
    const token = await linkTokenMailedTo(late, 1);
    server.clock.advance(7 * 86_400_000 + 60_000);
    const expired = await server.gql(ACCEPT, {
      input: { token, password: 'een lang genoeg wachtwoord' },
    });
    expect(expired.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a person with an account join with their own password', async () => {
    const person = other.people.director!;
    await invite('director', person.email, ['MANAGER']);
    const token = await linkTokenMailedTo(person.email, 1);
    const preview = await server.gql<{ invitation: { accountExists: boolean } }>(PREVIEW, {
      token,
    });
    expect(preview.data!.invitation.accountExists).toBe(true);
    const wrong = await server.gql(ACCEPT, { input: { token, password: 'niet het wachtwoord' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const joined = await server.gql(ACCEPT, { input: { token, password: person.password } });
    expect(joined.errors).toBeUndefined();
    const me = await server.gql<{ me: { memberships: { slug: string; roles: string[] }[] } }>(
      ME,
      {},
      as('otherDirector', other.slug),
    );
    expect(me.data!.me.memberships.map((m) => [m.slug, m.roles]).sort()).toEqual(
      [
        [org.slug, ['MANAGER']],
        [other.slug, ['DIRECTOR']],
      ].sort(),
    );
  });

  it('lists people by role for staff: names, addresses only of staff and only for those who manage', async () => {
    const handlers = await server.gql<{ members: Member[] }>(
      MEMBERS,
      { role: 'HANDLER' },
      as('handler'),
    );
    expect(handlers.data!.members.map((m) => m.displayName).sort()).toEqual(
      ['Noor Nieuw', 'handler'].sort(),
    );
    expect(handlers.data!.members.every((m) => m.email === null)).toBe(true);
    const all = await server.gql<{ members: Member[] }>(MEMBERS, {}, as('director'));
    const byName = new Map(all.data!.members.map((m) => [m.displayName, m]));
    expect(byName.get('handler')!.email).toBe(org.people.handler!.email);
    expect(byName.get('client')!.email).toBeNull();
    const client = await server.gql(MEMBERS, {}, as('client'));
    expect(client.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another organisation's people see none of these.
    const theirs = await server.gql<{ members: Member[] }>(
      MEMBERS,
      {},
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(theirs.data!.members.map((m) => m.displayName)).toEqual(['director']);
  });

  it('ends a member’s access on their very next request, and a re-invited person starts afresh', async () => {
    const handlerId = org.people.handler!.id;
    expect((await server.gql(ME, {}, as('handler'))).errors).toBeUndefined();
    // A manager may not end a director's access; nobody their own; a stranger is unknown.
    const upward = await server.gql(END, { userId: org.people.director!.id }, as('manager'));
    expect(upward.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const self = await server.gql(END, { userId: org.people.director!.id }, as('director'));
    expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await server.gql(
      END,
      { userId: handlerId },
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const byHandler = await server.gql(END, { userId: org.people.client!.id }, as('handler'));
    expect(byHandler.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const ended = await server.gql(END, { userId: handlerId }, as('manager'));
    expect(ended.errors).toBeUndefined();
    const next = await server.gql(MEMBERS, {}, as('handler'));
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Signing in again works, but the organisation is closed to them and lists them no more.
    const fresh = await signIn(server, org.people.handler!);
    const closed = await server.gql(MEMBERS, {}, { token: fresh, organisation: org.slug });
    expect(closed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const me = await server.gql<{ me: { memberships: unknown[] } }>(ME, {}, { token: fresh });
    expect(me.data!.me.memberships).toEqual([]);
    const listed = await server.gql<{ members: Member[] }>(MEMBERS, {}, as('director'));
    expect(listed.data!.members.map((m) => m.userId)).not.toContain(handlerId);
    const again = await server.gql(END, { userId: handlerId }, as('director'));
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Re-invited as a client, they get only that: the old roles do not come back.
    await invite('director', org.people.handler!.email, ['CLIENT']);
    const token = await linkTokenMailedTo(org.people.handler!.email, 1);
    const rejoined = await server.gql<{ acceptInvitation: { token: string } }>(ACCEPT, {
      input: { token, password: org.people.handler!.password },
    });
    tokens.handler = rejoined.data!.acceptInvitation.token;
    const roles = await server.gql<{ me: { activeOrganisation: { roles: string[] } } }>(
      ME,
      {},
      as('handler'),
    );
    expect(roles.data!.me.activeOrganisation.roles).toEqual(['CLIENT']);
  });

  it('changes roles, counted from the next request; a manager cannot promote', async () => {
    const userId = (
      await server.gql<{ members: Member[] }>(MEMBERS, { role: 'HANDLER' }, as('director'))
    ).data!.members.find((m) => m.displayName === 'Noor Nieuw')!.userId;
    const promote = await server.gql(
      CHANGE,
      { input: { userId, roles: ['MANAGER'] } },
      as('manager'),
    );
    expect(promote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const changed = await server.gql<{ changeMemberRoles: { roles: string[] } }>(
      CHANGE,
      { input: { userId, roles: ['CLIENT'] } },
      as('manager'),
    );
    expect(changed.data!.changeMemberRoles.roles).toEqual(['CLIENT']);
    const lost = await server.gql(MEMBERS, {}, as('nieuw'));
    expect(lost.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
