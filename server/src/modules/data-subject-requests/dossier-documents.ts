import {
  getNamedType,
  isAbstractType,
  isObjectType,
  isNonNullType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The GraphQL documents whose answers, run as the client, are the client's export (ADR 0095).
 * They are written from the schema itself: every field of each type the client's queries reach,
 * so a field added to the client's view is in the export on the next start, and the export can
 * never show more than the API shows the client (field rules, nulls for what a role may not see,
 * the timeline as the client sees it: the same resolvers answer both).
 */
export interface DossierDocuments {
  account: string;
  caseIds: string;
  case: string;
  notifications: string;
}

/**
 * Fields left out, with why: `availableActions` is what the portal offers to do next, not data
 * about the client; `Me.memberships` names the client's other organisations, which are not this
 * organisation's to disclose (it answers for what it holds).
 */
const LEFT_OUT: Record<string, readonly string[]> = {
  Case: ['availableActions'],
  Me: ['memberships'],
};

const MAX_DEPTH = 5;

function takesNoRequiredArgument(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

/** Every field of a type, nested, without cycles (a type already on the path is left out). */
export function selectionOf(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  path: readonly string[] = [],
): string {
  if (isAbstractType(type)) {
    const members = schema
      .getPossibleTypes(type)
      .map((member) => `... on ${member.name} ${selectionOf(schema, member, path)}`);
    return `{ __typename ${members.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (LEFT_OUT[type.name]?.includes(field.name)) continue;
    if (!takesNoRequiredArgument(field)) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named) || isAbstractType(named)) {
      if (path.includes(named.name) || path.length >= MAX_DEPTH) continue;
      const nested = selectionOf(schema, named, [...path, type.name]);
      if (nested && nested !== '{  }') fields.push(`${field.name} ${nested}`);
    } else {
      fields.push(field.name);
    }
  }
  return `{ ${fields.join(' ')} }`;
}

function typeNamed(schema: GraphQLSchema, name: string): GraphQLNamedType {
  const type = schema.getType(name);
  if (!type) throw new Error(`The schema has no type ${name}.`);
  return type;
}

function fieldType(schema: GraphQLSchema, root: 'Query', field: string): GraphQLNamedType {
  const found = typeNamed(schema, root);
  if (!isObjectType(found)) throw new Error(`${root} is not an object type.`);
  const entry = found.getFields()[field];
  if (!entry) throw new Error(`The schema has no ${root}.${field}.`);
  return getNamedType(entry.type);
}

/** The documents for this schema (built once, at start). */
export function dossierDocuments(schema: GraphQLSchema): DossierDocuments {
  const of = (field: string) => selectionOf(schema, fieldType(schema, 'Query', field), ['Query']);
  return {
    account: `query DossierAccount { me ${of('me')} myContactPreferences ${of(
      'myContactPreferences',
    )} myConfidantAuthorisations ${of('myConfidantAuthorisations')} myDataSubjectRequests ${of(
      'myDataSubjectRequests',
    )} }`,
    caseIds: `query DossierCaseIds($after: Cursor) { cases(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    case: `query DossierCase($id: ID!) { case(id: $id) ${of('case')} accessLog(caseId: $id) ${of(
      'accessLog',
    )} }`,
    notifications: `query DossierNotifications($after: Cursor) { notifications(first: 100, after: $after) { edges { node ${selectionOf(
      schema,
      typeNamed(schema, 'Notification'),
      ['Query', 'NotificationConnection'],
    )} } pageInfo { hasNextPage endCursor } } }`,
  };
}
