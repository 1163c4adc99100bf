import { parse, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKlachtpadSchema } from '../schema.js';
import { liveDocument, SHARED_FIELDS } from './live-fanout.js';

/**
 * Which `caseUpdated` documents a live batch resolves once for everyone who may see the same
 * entries (ADR 0079), and which once per viewer.
 */
describe('live documents', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildKlachtpadSchema();
  });
  const documentOf = (query: string, variableValues: Record<string, unknown> = {}) =>
    liveDocument({ schema, document: parse(query), variableValues });

  it('lists as shared only plain fields of the schema, none with a resolver of its own', () => {
    const storage = getMetadataStorage();
    const names = new Map<unknown, string>(
      storage.objectTypes.map((type) => [type.target, type.name]),
    );
    const resolved = new Set(
      storage.fieldResolvers.map(
        (field) => `${names.get(field.getObjectType?.())}.${field.schemaName}`,
      ),
    );
    const plain = new Set(
      storage.fields
        .filter((field) => !field.params?.length)
        .map((field) => `${names.get(field.target)}.${field.schemaName}`),
    );
    for (const [type, fields] of Object.entries(SHARED_FIELDS))
      for (const field of fields) {
        expect(resolved.has(`${type}.${field}`), `${type}.${field} has a resolver`).toBe(false);
        expect(plain.has(`${type}.${field}`), `${type}.${field} is a plain field`).toBe(true);
      }
    // The fields that ask the viewer are resolvers, so the list can never take them in.
    expect(resolved.has('Case.availableActions')).toBe(true);
    expect(resolved.has('Case.handlerIds')).toBe(true);
  });

  it('shares the web client’s document, whatever cursor each subscriber resumed from', () => {
    const query = `subscription LiveCases($after: Cursor) {
      caseUpdated(after: $after) { __typename cursor case { __typename id } }
    }`;
    const one = documentOf(query, { after: '41:7' });
    const other = documentOf(query, { after: '52:9' });
    expect(one?.shared).toBe(true);
    expect(one?.caseId).toBeUndefined();
    expect(one?.key).toBe(other?.key);
  });

  it('shares a document of case rows and entries, through fragments too', () => {
    const shared = documentOf(
      `subscription ($caseId: ID) {
        caseUpdated(caseId: $caseId) { cursor ...Row events { sequence type visibility payload } }
      }
      fragment Row on CaseUpdate { case { id version stages { track label { nl } } } }`,
      { caseId: 'c-1' },
    );
    expect(shared).toMatchObject({ shared: true, caseId: 'c-1' });
  });

  it('keys by viewer a document that asks what differs per viewer', () => {
    for (const query of [
      'subscription { caseUpdated { case { id handlerIds } } }',
      'subscription { caseUpdated { case { availableActions { id } } } }',
      'subscription { caseUpdated { case { ... on Case { timeline { type } } } } }',
      'subscription { caseUpdated { ...U } } fragment U on CaseUpdate { case { messages { id } } }',
    ])
      expect(documentOf(query)?.shared, query).toBe(false);
  });

  it('keeps apart documents that differ in what their execution reads', () => {
    const query = 'subscription ($caseId: ID) { caseUpdated(caseId: $caseId) { cursor } }';
    expect(documentOf(query, { caseId: 'a' })?.key).not.toBe(
      documentOf(query, { caseId: 'b' })?.key,
    );
    expect(documentOf(query, {})?.key).not.toBe(documentOf(query, { caseId: null })?.key);
    const skip =
      'subscription ($bare: Boolean!) { caseUpdated { cursor case @skip(if: $bare) { id } } }';
    expect(documentOf(skip, { bare: true })?.key).not.toBe(documentOf(skip, { bare: false })?.key);
    expect(documentOf('subscription { caseUpdated { cursor } }')?.key).not.toBe(
      documentOf('subscription { caseUpdated { cursor case { id } } }')?.key,
    );
  });

  it('leaves other subscriptions to be resolved one by one', () => {
    expect(documentOf('subscription { dashboardUpdated { closed } }')).toBeUndefined();
  });
});
