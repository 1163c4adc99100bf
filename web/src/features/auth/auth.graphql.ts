import { gql } from 'urql';
import type { RoleValue } from '../../shared/roles';

export interface MembershipView {
  organisationId: string;
  slug: string;
  name: string;
  kind: string;
  roles: RoleValue[];
  mfaRequiredForStaff: boolean;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  mfaEnabled: boolean;
  sessionMfaVerified: boolean;
  memberships: MembershipView[];
  activeOrganisation: Pick<MembershipView, 'slug' | 'name' | 'roles'> | null;
}

export const MeQuery = gql<{ me: Me }, Record<string, never>>`
  query Me {
    me {
      id
      email
      displayName
      mfaEnabled
      sessionMfaVerified
      memberships {
        organisationId
        slug
        name
        kind
        roles
        mfaRequiredForStaff
      }
      activeOrganisation {
        slug
        name
        roles
      }
    }
  }
`;

/**
 * The token in the payload is for API clients; the browser's session is the HttpOnly cookie the
 * same response sets, so only `mfaRequired` is asked for.
 */
export const SignInMutation = gql<
  { signIn: { mfaRequired: boolean } },
  { email: string; password: string }
>`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      mfaRequired
    }
  }
`;

export const SignOutMutation = gql<{ signOut: boolean }, Record<string, never>>`
  mutation SignOut {
    signOut
  }
`;

export const VerifyMfaMutation = gql<{ verifyMfa: boolean }, { code: string }>`
  mutation VerifyMfa($code: String!) {
    verifyMfa(code: $code)
  }
`;

export const BeginMfaEnrolmentMutation = gql<
  { beginMfaEnrolment: { secret: string; otpauthUrl: string } },
  Record<string, never>
>`
  mutation BeginMfaEnrolment {
    beginMfaEnrolment {
      secret
      otpauthUrl
    }
  }
`;

export const ConfirmMfaEnrolmentMutation = gql<{ confirmMfaEnrolment: boolean }, { code: string }>`
  mutation ConfirmMfaEnrolment($code: String!) {
    confirmMfaEnrolment(code: $code)
  }
`;
