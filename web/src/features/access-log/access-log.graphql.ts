import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/** One page of the organisation's access log, for its directors (ADR 0087). */
export const OrganisationAccessLogQuery = graphql(`
  query OrganisationAccessLog($filter: AccessLogFilter, $first: Int!, $after: Cursor) {
    organisationAccessLog(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          actorId
          who
          onBehalfOf
          actorOrganisation
          role
          action
          outcome
          bySystem
          caseId
          caseReference
        }
      }
    }
  }
`);

export type OrganisationAccessLogLine = ResultOf<
  typeof OrganisationAccessLogQuery
>['organisationAccessLog']['edges'][number]['node'];

/** Everyone the organisation knows now, by name, to choose whose lines to see. */
export const PeopleQuery = graphql(`
  query AccessLogPeople {
    members {
      userId
      displayName
      roles
    }
  }
`);
