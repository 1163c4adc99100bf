import { JSONResolver } from 'graphql-scalars';
import { CivilDateScalar, DateTimeScalar } from './scalars.js';
import type { GraphQLScalarType } from 'graphql';
import { ArgsType, Field, Float, ID, InputType, Int, type ClassType } from 'type-graphql';
import { z } from 'zod';

/**
 * Inputs are declared once, as zod schemas: the service validates with the schema (it sees the
 * procedure and the case, so it checks more than types), and the GraphQL input type is derived
 * from the same schema here, so the two cannot drift apart.
 *
 * Field types follow the schema: strings are `String` (`ID` when they must be uuids), integers
 * `Int`, other numbers `Float`, dates `DateTime`, records `JSON`, arrays lists, nested objects input
 * types of their own. Anything optional, nullable or with a default is nullable in GraphQL. What
 * the schema cannot say is given with `.meta({ description, graphql: { … } })`.
 */
export interface GraphqlMeta {
  /** `ID` for ids that are not uuids (timeline sequence numbers); `String` for uuids shown as text. */
  type?: 'ID' | 'String' | 'CivilDate';
  /**
   * Expose a zod enum as this registered GraphQL enum (`registerEnumType`), whose values must be
   * exactly the schema's; without it an enum is a String.
   */
  enum?: object;
  /** The GraphQL name of a nested object's input type. */
  name?: string;
}

interface Meta {
  description?: string;
  graphql?: GraphqlMeta;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (schema: z.ZodType) => (z.globalRegistry.get(schema) ?? {}) as Meta;

/** The GraphQL class of every named input, so one schema makes one type however often it is used. */
const inputClasses = new Map<string, { schema: z.ZodType; type: ClassType }>();

/** The GraphQL input type of an object schema, named `name`. */
export function inputTypeFrom(
  name: string,
  schema: z.ZodObject,
  options: { description?: string } = {},
): ClassType {
  const known = inputClasses.get(name);
  if (known) {
    if (known.schema !== schema) throw new Error(`Two schemas claim GraphQL input ${name}.`);
    return known.type;
  }
  const type = class {};
  Object.defineProperty(type, 'name', { value: name });
  inputClasses.set(name, { schema, type });
  addFields(type, schema);
  InputType(name, options)(type);
  return type;
}

/** The GraphQL arguments of a field, one per key of the schema (`@Args(() => T)`). */
export function argsTypeFrom(name: string, schema: z.ZodObject): ClassType {
  const type = class {};
  Object.defineProperty(type, 'name', { value: name });
  addFields(type, schema);
  ArgsType()(type);
  return type;
}

function addFields(type: ClassType, schema: z.ZodObject) {
  for (const [key, field] of Object.entries(schema.shape)) {
    const { graphqlType, nullable, description } = fieldOf(`${type.name}.${key}`, field);
    Field(() => graphqlType, {
      nullable,
      ...(description ? { description } : {}),
    })(type.prototype as object, key);
  }
}

type GraphqlType = GraphQLScalarType | ClassType | object | [GraphqlType];

function fieldOf(path: string, schema: z.ZodType) {
  let current = schema;
  let nullable = false;
  const meta: Meta = {};
  for (;;) {
    const own = metaOf(current);
    meta.description ??= own.description;
    meta.graphql = { ...own.graphql, ...meta.graphql };
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault', 'catch'].includes(def.type)) {
      nullable = true;
      current = def.innerType as z.ZodType;
    } else if (def.type === 'pipe') {
      current = def.in as z.ZodType;
    } else if (def.type === 'readonly') {
      current = def.innerType as z.ZodType;
    } else break;
  }
  return {
    graphqlType: typeOf(path, current, meta.graphql),
    nullable,
    description: meta.description,
  };
}

function typeOf(path: string, schema: z.ZodType, graphql: GraphqlMeta = {}): GraphqlType {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (graphql.type === 'ID') return ID;
      if (graphql.type === 'String') return String;
      if (graphql.type === 'CivilDate') return CivilDateScalar;
      return isUuid(def) ? ID : String;
    case 'number':
      return isInteger(def) ? Int : Float;
    case 'boolean':
      return Boolean;
    case 'date':
      return DateTimeScalar;
    case 'record':
    case 'unknown':
      return JSONResolver;
    case 'enum':
      if (!graphql.enum) return String;
      return sameValues(path, graphql.enum, def.entries as Record<string, string>);
    case 'array': {
      const element = fieldOf(`${path}[]`, def.element as z.ZodType);
      if (element.nullable) throw new Error(`${path}: list items must not be nullable.`);
      return [element.graphqlType];
    }
    case 'object': {
      const name = graphql.name ?? metaOf(schema).graphql?.name;
      if (!name) throw new Error(`${path}: a nested input needs meta({ graphql: { name } }).`);
      return inputTypeFrom(name, schema as z.ZodObject);
    }
    default:
      throw new Error(`${path}: no GraphQL type for zod ${def.type}.`);
  }
}

function sameValues(path: string, graphqlEnum: object, entries: Record<string, string>) {
  const declared = Object.values(graphqlEnum as Record<string, string>)
    .sort()
    .join();
  if (declared !== Object.values(entries).sort().join())
    throw new Error(`${path}: the GraphQL enum and the schema list other values.`);
  return graphqlEnum;
}

function checksOf(def: Def): { check?: string; format?: string }[] {
  return ((def.checks as { _zod: { def: { check?: string; format?: string } } }[]) ?? []).map(
    (check) => check._zod.def,
  );
}

function isUuid(def: Def): boolean {
  return (
    def.format === 'uuid' ||
    checksOf(def).some((check) => check.check === 'string_format' && check.format === 'uuid')
  );
}

function isInteger(def: Def): boolean {
  return checksOf(def).some(
    (check) =>
      check.check === 'number_format' &&
      ['safeint', 'int32', 'uint32', 'int64'].includes(check.format ?? ''),
  );
}
