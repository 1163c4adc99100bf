import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { formatDocument, stringifyDocument } from 'urql';
import { documentId } from './document-id';

/**
 * Every operation the web client can send, by id (ADR 0063): the build writes this table into
 * `dist/trusted-documents.json`, which the server reads to resolve the ids the client sends.
 * Operations live in `*.graphql.ts` files only (a test holds the sources to that), so importing
 * those files finds them all; fragments are part of the operations that spread them.
 */
export function registeredDocuments(): Record<string, string> {
  const modules = import.meta.glob<Record<string, unknown>>('/src/**/*.graphql.ts', {
    eager: true,
  });
  const documents: Record<string, string> = {};
  for (const exports of Object.values(modules)) {
    for (const value of Object.values(exports)) {
      if (!isDocument(value)) continue;
      const operation = value.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === 'OperationDefinition',
      );
      if (!operation) continue;
      // The text exactly as urql sends it, so the id the client computes is the one stored here:
      // its cache exchange adds `__typename` to queries and mutations before they go out.
      const text = stringifyDocument(
        operation.operation === 'subscription' ? value : formatDocument(value),
      );
      documents[documentId(text)] = text;
    }
  }
  return Object.fromEntries(Object.entries(documents).sort(([a], [b]) => a.localeCompare(b)));
}

function isDocument(value: unknown): value is DocumentNode {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'Document'
  );
}
