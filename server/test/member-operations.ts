// GraphQL operations and helpers of the members stories, shared by the specs that invite people,
// change their roles and end their access.
import { expect } from 'vitest';
import type { KlachtpadWorker } from '../src/jobs.js';
import { bodyOf, type SmtpTestServer } from './smtp-server.js';

export const INVITE_MEMBER = /* GraphQL */ `
  mutation Invite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
      email
      roles
      expiresAt
    }
  }
`;
export const ACCEPT_INVITATION = /* GraphQL */ `
  mutation Accept($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      token
      mfaRequired
    }
  }
`;
export const INVITATION_PREVIEW = /* GraphQL */ `
  query Preview($token: String!) {
    invitation(token: $token) {
      organisationName
      organisationSlug
      email
      roles
      accountExists
    }
  }
`;
export const MEMBERS = /* GraphQL */ `
  query Members($role: Role) {
    members(role: $role) {
      userId
      displayName
      roles
      email
      memberSince
    }
  }
`;
export const END_MEMBERSHIP = /* GraphQL */ `
  mutation End($userId: ID!) {
    endMembership(userId: $userId)
  }
`;
export const CHANGE_MEMBER_ROLES = /* GraphQL */ `
  mutation Change($input: ChangeMemberRolesInput!) {
    changeMemberRoles(input: $input) {
      roles
    }
  }
`;

/** Staff make an account for a client who came in person (ADR 0096). */
export const CREATE_CLIENT_ACCOUNT = /* GraphQL */ `
  mutation Create($input: CreateClientAccountInput!) {
    createClientAccount(input: $input) {
      member {
        userId
        displayName
        roles
        email
      }
      invitation {
        id
        email
        roles
      }
    }
  }
`;

const INVITATION_LINK = /\/invitation\?token=([A-Za-z0-9_-]{43})/;

export interface MemberNode {
  userId: string;
  displayName: string;
  roles: string[];
  email: string | null;
  memberSince: string;
}

/**
 * Lets the worker run until the address has received `count` invitation mails at the real SMTP
 * server (other mails to it, such as notifications, are not counted); returns the last link's
 * token.
 */
export async function linkTokenMailedTo(
  smtp: SmtpTestServer,
  worker: KlachtpadWorker,
  email: string,
  count: number,
): Promise<string> {
  const invitations = () =>
    smtp
      .to(email)
      .map((mail) => bodyOf(mail.raw))
      .filter((body) => INVITATION_LINK.test(body));
  for (let round = 0; round < 100 && invitations().length < count; round += 1) {
    await worker.drain();
    if (invitations().length < count) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(invitations()).toHaveLength(count);
  return INVITATION_LINK.exec(invitations().at(-1)!)![1]!;
}
