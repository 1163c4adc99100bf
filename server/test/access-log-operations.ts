/** The organisation's access log as a director's page asks for it (ADR 0087). */
export const ORGANISATION_ACCESS_LOG = /* GraphQL */ `
  query OrganisationAccessLog($filter: AccessLogFilter, $first: Int, $after: Cursor) {
    organisationAccessLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
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
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface OrganisationAccessLogLine {
  id: string;
  occurredAt: string;
  actorId: string | null;
  who: string | null;
  onBehalfOf: string | null;
  actorOrganisation: string | null;
  role: string | null;
  action: string;
  outcome: string;
  bySystem: boolean;
  caseId: string | null;
  caseReference: string | null;
}

export interface OrganisationAccessLogAnswer {
  organisationAccessLog: {
    edges: { cursor: string; node: OrganisationAccessLogLine }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
