import { graphql } from '../../shared/graphql/graphql';

/** What an invitation link invites to; refused as BAD_USER_INPUT (field token) when it is spent. */
export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      email
      organisationName
      organisationSlug
      roles
      accountExists
      expiresAt
    }
  }
`);

/** Accepting signs in: the response sets the session cookie. */
export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      mfaRequired
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);
