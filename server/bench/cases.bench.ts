// `pnpm bench`: a page of cases with everything a case list shows, through HTTP and GraphQL on the
// real database, against a baseline measured in the same run (`me`: one session lookup, no
// cases). Read the ratio, not the absolute numbers: it stays put when the machine is busy, and
// grows if per-case queries (N+1) creep back in.
import { afterAll, bench, describe } from 'vitest';
import { arrangeOrganisation, publishTemplate, signIn, startTestServer } from '../test/harness.js';

const ME = /* GraphQL */ `
  query {
    me {
      displayName
    }
  }
`;
const PAGE = /* GraphQL */ `
  query {
    cases(first: 20) {
      totalCount
      edges {
        node {
          id
          reference
          stages {
            label {
              nl
            }
          }
          parts {
            summary
          }
          timeline {
            type
            occurredAt
          }
          availableActions {
            id
          }
          deadlines {
            due
            explanation
          }
          handlerIds
        }
      }
    }
  }
`;
const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
    }
  }
`;

const server = await startTestServer();
const org = await arrangeOrganisation(server.ownerOrm, {
  client: ['client'],
  director: ['director'],
});
await publishTemplate(server.ownerOrm, org, 'bureau-mhr', org.people.director!);
const client = { token: await signIn(server, org.people.client!), organisation: org.slug };
const director = { token: await signIn(server, org.people.director!), organisation: org.slug };
for (let i = 0; i < 20; i += 1) {
  await server.gql(
    FILE,
    { input: { complainant: 'client', parts: [{ summary: `Klacht ${i + 1}` }] } },
    client,
  );
}

async function must(query: string) {
  const result = await server.gql(query, {}, director);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

afterAll(() => server.close());

// Over HTTP a sample is milliseconds, not microseconds: longer runs keep the ratio steady.
const options = { time: 3_000, warmupIterations: 5 };

describe('cases(first: 20) with timeline, availableActions and deadlines vs me', () => {
  bench('baseline: me', () => must(ME), options);
  bench('cases(first: 20) with nested fields (director)', () => must(PAGE), options);
});
