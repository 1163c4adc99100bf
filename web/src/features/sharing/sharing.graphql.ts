import { graphql } from '../../shared/graphql/graphql';

/** A confidant's grant on one case, as the portal shows it. */
export const ConfidantGrantFragment = graphql(`
  fragment ConfidantGrantFields on ConfidantGrant {
    id
    clientId
    clientName
    confidantId
    confidantName
    scopes
    live
    grantedAt
    revokedAt
  }
`);

/** A standing authorisation, as the portal shows it. */
export const AuthorisationFragment = graphql(`
  fragment AuthorisationFields on ConfidantAuthorisation {
    id
    clientId
    clientName
    confidantId
    confidantName
    scopes
    live
    grantedAt
    revokedAt
  }
`);

export const ConfidantsQuery = graphql(`
  query Confidants {
    confidants {
      id
      name
    }
  }
`);

export const CaseSharingQuery = graphql(
  `
    query CaseSharing($id: ID!) {
      case(id: $id) {
        id
        reference
        confidantGrants {
          ...ConfidantGrantFields
        }
        bundleProposals {
          kind
          itemId
          status
          proposedAt
          decidedAt
        }
        timeline {
          sequence
          type
          occurredAt
        }
        messages {
          id
          body
          postedAt
        }
        documents {
          id
          name
        }
      }
    }
  `,
  [ConfidantGrantFragment],
);

export const GrantConfidantMutation = graphql(
  `
    mutation GrantConfidant($input: GrantConfidantInput!) {
      grantConfidant(input: $input) {
        ...ConfidantGrantFields
      }
    }
  `,
  [ConfidantGrantFragment],
);

export const RevokeConfidantMutation = graphql(
  `
    mutation RevokeConfidant($caseId: ID!, $confidantId: ID!) {
      revokeConfidant(caseId: $caseId, confidantId: $confidantId) {
        ...ConfidantGrantFields
      }
    }
  `,
  [ConfidantGrantFragment],
);

export const AuthorisationsQuery = graphql(
  `
    query Authorisations {
      myConfidantAuthorisations {
        ...AuthorisationFields
      }
    }
  `,
  [AuthorisationFragment],
);

export const AuthoriseConfidantMutation = graphql(
  `
    mutation AuthoriseConfidant($input: AuthoriseConfidantInput!) {
      authoriseConfidant(input: $input) {
        ...AuthorisationFields
      }
    }
  `,
  [AuthorisationFragment],
);

export const WithdrawAuthorisationMutation = graphql(
  `
    mutation WithdrawAuthorisation($confidantId: ID!) {
      withdrawConfidantAuthorisation(confidantId: $confidantId) {
        ...AuthorisationFields
      }
    }
  `,
  [AuthorisationFragment],
);

export const DecideBundleItemsMutation = graphql(`
  mutation DecideBundleItems($caseId: ID!, $decisions: [BundleDecisionInput!]!) {
    decideBundleItems(caseId: $caseId, decisions: $decisions) {
      kind
      itemId
      status
      decidedAt
    }
  }
`);

export const AccessLogQuery = graphql(`
  query AccessLog($caseId: ID!, $from: DateTime, $to: DateTime) {
    case(id: $caseId) {
      id
      reference
    }
    accessLog(caseId: $caseId, from: $from, to: $to) {
      occurredAt
      who
      onBehalfOf
      actorOrganisation
      role
      action
      outcome
    }
  }
`);
