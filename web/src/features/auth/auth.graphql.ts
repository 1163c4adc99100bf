import { graphql, type ResultOf } from '../../shared/graphql/graphql';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      displayName
      language
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
        organisationId
        slug
        name
        roles
      }
    }
  }
`);

export type Me = ResultOf<typeof MeQuery>['me'];
export type MembershipView = Me['memberships'][number];
export type ActiveOrganisation = NonNullable<Me['activeOrganisation']>;

/**
 * The token in the payload is for API clients; the browser's session is the HttpOnly cookie the
 * same response sets, so only `mfaRequired` is asked for.
 */
export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      mfaRequired
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

/**
 * Passing the code replaces the session's token (the one from before no longer works): for the
 * browser, the same response sets the new HttpOnly cookie, so only `expiresAt` is asked for.
 */
export const VerifyMfaMutation = graphql(`
  mutation VerifyMfa($code: String!) {
    verifyMfa(code: $code) {
      expiresAt
    }
  }
`);

export const BeginMfaEnrolmentMutation = graphql(`
  mutation BeginMfaEnrolment {
    beginMfaEnrolment {
      secret
      otpauthUrl
    }
  }
`);

export const ConfirmMfaEnrolmentMutation = graphql(`
  mutation ConfirmMfaEnrolment($code: String!) {
    confirmMfaEnrolment(code: $code) {
      expiresAt
    }
  }
`);

export const SetLanguageMutation = graphql(`
  mutation SetLanguage($language: Language!) {
    setLanguage(language: $language) {
      id
      language
    }
  }
`);
