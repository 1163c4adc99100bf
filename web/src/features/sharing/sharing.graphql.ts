import { graphql } from '../../shared/graphql/graphql';

export const ConfidantsQuery = graphql(`
  query Confidants {
    confidants {
      id
      name
    }
  }
`);

export const CaseSharingQuery = graphql(`
  query CaseSharing($id: ID!) {
    case(id: $id) {
      id
      reference
      confidantGrants {
        id
        confidantId
        confidantName
        scopes
        live
        grantedAt
        revokedAt
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
`);

export const GrantConfidantMutation = graphql(`
  mutation GrantConfidant($input: GrantConfidantInput!) {
    grantConfidant(input: $input) {
      id
      confidantId
      scopes
      live
    }
  }
`);

export const RevokeConfidantMutation = graphql(`
  mutation RevokeConfidant($caseId: ID!, $confidantId: ID!) {
    revokeConfidant(caseId: $caseId, confidantId: $confidantId) {
      id
      live
      revokedAt
    }
  }
`);

export const AuthorisationsQuery = graphql(`
  query Authorisations {
    myConfidantAuthorisations {
      id
      clientId
      confidantId
      confidantName
      scopes
      live
      grantedAt
      revokedAt
    }
  }
`);

export const AuthoriseConfidantMutation = graphql(`
  mutation AuthoriseConfidant($input: AuthoriseConfidantInput!) {
    authoriseConfidant(input: $input) {
      id
      confidantId
      scopes
      live
    }
  }
`);

export const WithdrawAuthorisationMutation = graphql(`
  mutation WithdrawAuthorisation($confidantId: ID!) {
    withdrawConfidantAuthorisation(confidantId: $confidantId) {
      id
      live
      revokedAt
    }
  }
`);

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
      role
      action
      outcome
    }
  }
`);
