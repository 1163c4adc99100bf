import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/** Everything of one complaint the viewer may see, as one page shows it. */
export const CaseDetailFragment = graphql(`
  fragment CaseDetail on Case {
    id
    reference
    version
    receivedOn
    createdAt
    closed
    channel
    warnings
    stages {
      track
      stage
      label {
        nl
        en
      }
    }
    parts {
      id
      summary
      outcome
      decidedOn
    }
    deadlines(language: $language) {
      clock
      label
      due
      status
      explanation
    }
    availableActions {
      id
      label {
        nl
        en
      }
      inputs
      decision
    }
    timeline {
      sequence
      type
      occurredAt
      payload
    }
    messages {
      id
      authorId
      onBehalfOfId
      body
      postedAt
      documentIds
    }
    meetings {
      id
      kind
      startsAt
      location
      participantIds
      presentIds
      minutes {
        id
        text
        final
        recordedAt
        awaitingSignatureIds
        signatures {
          signerId
          signedAt
          dissent
        }
      }
    }
    documents {
      id
      name
      kind
      letterKind
      mediaType
      size
      createdAt
      sentAt
      downloadPath
    }
    measures {
      id
      description
      due
      status
      completedOn
    }
    confidantGrants {
      id
      confidantId
      confidantName
      scopes
      live
    }
  }
`);

export type CaseDetail = ResultOf<typeof CaseDetailFragment>;
export type CaseAction = CaseDetail['availableActions'][number];
export type CaseDocument = CaseDetail['documents'][number];

export const CaseQuery = graphql(
  `
    query Case($id: ID!, $language: Language!) {
      case(id: $id) {
        ...CaseDetail
      }
    }
  `,
  [CaseDetailFragment],
);

export const PerformActionMutation = graphql(
  `
    mutation PerformAction($input: PerformActionInput!, $language: Language!) {
      performAction(input: $input) {
        __typename
        ... on CaseChanged {
          case {
            ...CaseDetail
          }
        }
        ... on ActionRefused {
          code
          reasons {
            input
            message {
              nl
              en
            }
          }
        }
      }
    }
  `,
  [CaseDetailFragment],
);

export const PostMessageMutation = graphql(`
  mutation PostMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      authorId
      body
      postedAt
      documentIds
    }
  }
`);

export const SignMinutesMutation = graphql(`
  mutation SignMinutes($minutesId: ID!, $dissent: String) {
    signMinutes(minutesId: $minutesId, dissent: $dissent) {
      __typename
      ... on Minutes {
        id
        final
        awaitingSignatureIds
        signatures {
          signerId
          signedAt
          dissent
        }
      }
      ... on MeetingRefused {
        code
        message
      }
    }
  }
`);
