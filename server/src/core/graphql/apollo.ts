import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { RequestContext } from '../context.js';
import type { Logger } from '../logger.js';
import { costLimitPlugin, type RateLimitedListener } from '../rate-limit/cost-limit.plugin.js';
import { armorFor } from './admission.js';
import { createErrorFormatter, errorStatusPlugin } from './errors.js';
import { organisationGuardPlugin } from './organisation-guard.plugin.js';
import { transactionPlugin } from './transaction.plugin.js';

/**
 * The GraphQL server with every production option set explicitly, whatever NODE_ENV says.
 * Development mode only adds introspection (for tooling); it never adds stack traces.
 */
export function createApolloServer(
  schema: GraphQLSchema,
  config: Config,
  log: Logger,
  httpServer: Server,
  /** Told of every operation refused for its cost (the security log, wired in app.ts). */
  onRateLimited?: RateLimitedListener,
): ApolloServer<RequestContext> {
  const armor = armorFor(config);

  return new ApolloServer<RequestContext>({
    schema,
    introspection: config.mode === 'development',
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Operations by id are resolved from the web build's manifest before Apollo (ADR 0063);
    // Apollo's automatic persisted queries would let any client register a document.
    persistedQueries: false,
    // main.ts owns shutdown (drain, then pool, then database); Apollo's own signal handler would
    // stop it and re-raise the signal behind our back.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    formatError: createErrorFormatter(log),
    plugins: [
      // graphql-armor's typings name Apollo's CommonJS build; the plugin objects are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      transactionPlugin(log),
      errorStatusPlugin(),
      costLimitPlugin(config.rateLimits, onRateLimited),
      organisationGuardPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Every answer is one person's and must never be cached: said once per response, instead
      // of Apollo's cache-control plugin working out per field (a hook on every field of every
      // list row) that it is not cacheable.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin,
    ],
  });
}

const noStorePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
