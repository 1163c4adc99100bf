import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { refusalsAreDenied } from './access-log.service.js';

/**
 * Every query and mutation field is one operation for the access log: a refusal after the gate
 * turns the lines it recorded into `denied`. Nested fields resolve after their root field
 * returned and are left alone (they only read what the root field already let through), so only
 * the root fields are wrapped: a type-graphql global middleware would run (and allocate its
 * promises) for every field of every row of a list as well. Subscriptions are not operations of
 * this kind; their root type is left alone.
 */
export function denyRefusalsPerOperation(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) =>
        refusalsAreDenied(async () => resolve(source, args, context, info));
    }
  }
  return schema;
}
