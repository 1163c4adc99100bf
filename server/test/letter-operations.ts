// GraphQL operations of the letter stories, shared by the specs that draft, send and read letters.
import type { Actor, TestServer } from './harness.js';
import { pdfText } from './pdf-text.js';

export const GENERATE_LETTER = /* GraphQL */ `
  mutation Generate($input: GenerateLetterInput!) {
    generateLetter(input: $input) {
      __typename
      ... on LetterGenerated {
        document {
          id
          name
          mediaType
          visibility
          kind
          letterKind
          sentAt
        }
      }
      ... on LetterRefused {
        code
        message
      }
    }
  }
`;
export const SEND_LETTER = /* GraphQL */ `
  mutation Send($documentId: ID!) {
    sendLetter(documentId: $documentId) {
      id
      visibility
      sentAt
    }
  }
`;

export interface GeneratedLetter {
  generateLetter: {
    __typename: 'LetterGenerated' | 'LetterRefused';
    document?: { id: string; name: string; visibility: string; letterKind: string };
    code?: string;
    message?: string;
  };
}

/** A document's bytes as one person downloads them from `GET /documents/:id`. */
export async function downloadAs(
  server: TestServer,
  actor: Actor,
  documentId: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${server.url}/documents/${documentId}`, {
    headers: {
      ...(actor.token ? { authorization: `Bearer ${actor.token}` } : {}),
      ...(actor.organisation ? { 'x-organisation': actor.organisation } : {}),
    },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The text of a letter as one person downloads it; fails the test if they cannot. */
export async function letterTextAs(
  server: TestServer,
  actor: Actor,
  documentId: string,
): Promise<string> {
  const downloaded = await downloadAs(server, actor, documentId);
  if (downloaded.status !== 200) throw new Error(`download refused: ${downloaded.status}`);
  return pdfText(downloaded.bytes);
}
