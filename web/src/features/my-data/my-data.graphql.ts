import { graphql, type ResultOf } from '../../shared/graphql/graphql';

export const MyRequestFragment = graphql(`
  fragment MyRequestFields on DataSubjectRequest {
    id
    kind
    status
    note
    receivedOn
    dueOn
    dueDerivation {
      nl
      en
    }
    extension {
      months
      reason
    }
    decidedAt
    decisionReasons
    download {
      json
      pdf
    }
  }
`);

export type MyRequest = ResultOf<typeof MyRequestFragment>;

export const MyRequestsQuery = graphql(
  `
    query MyDataSubjectRequests {
      myDataSubjectRequests {
        ...MyRequestFields
      }
    }
  `,
  [MyRequestFragment],
);

export const RequestDataAccessMutation = graphql(
  `
    mutation RequestDataAccess($input: DataAccessRequestInput) {
      requestDataAccess(input: $input) {
        ...MyRequestFields
      }
    }
  `,
  [MyRequestFragment],
);

export const RequestErasureMutation = graphql(
  `
    mutation RequestErasure($input: ErasureRequestInput!) {
      requestErasure(input: $input) {
        ...MyRequestFields
      }
    }
  `,
  [MyRequestFragment],
);
