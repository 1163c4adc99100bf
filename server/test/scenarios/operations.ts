// GraphQL operations the API scenarios share.

export const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          version
        }
      }
      ... on ActionRefused {
        code
      }
    }
  }
`;
export const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      version
    }
  }
`;
export const ACT = /* GraphQL */ `
  mutation Act($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          version
          closed
          stages {
            track
            stage
          }
        }
      }
      ... on ActionRefused {
        code
        reasons {
          message {
            en
          }
        }
      }
    }
  }
`;
export const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantConfidantInput!) {
    grantConfidant(input: $input) {
      live
    }
  }
`;
export const LINK = /* GraphQL */ `
  mutation Link($input: LinkCommissionInput!) {
    linkCommission(input: $input) {
      commissionId
    }
  }
`;
export const END_REFERRAL = /* GraphQL */ `
  mutation EndReferral($caseId: ID!, $referralId: ID!) {
    endReferral(caseId: $caseId, referralId: $referralId) {
      id
      active
      endReason
    }
  }
`;
export const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      id
      version
      stages {
        track
        stage
      }
      timeline {
        type
        visibility
        payload
      }
      referrals {
        id
        active
        endReason
      }
    }
  }
`;
export const COMPLETE_MEASURE = /* GraphQL */ `
  mutation Complete($input: CompleteMeasureInput!) {
    completeMeasure(input: $input) {
      __typename
      ... on Measure {
        id
        status
        completedOn
        proof
        completedById
      }
      ... on MeasureRefused {
        code
        message
      }
    }
  }
`;
export const POST_MESSAGE = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      body
    }
  }
`;
export const SCHEDULE_MEETING = /* GraphQL */ `
  mutation Schedule($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`;
export const MARK_CONSENT_DOCUMENT = /* GraphQL */ `
  mutation MarkConsent($documentId: ID!) {
    markConsentDocument(documentId: $documentId) {
      id
    }
  }
`;
