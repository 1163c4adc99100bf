import {
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import { AppError, badInput } from '../errors.js';
import { logRefusal, type Principal } from '../http/refusals.js';
import type { Logger } from '../logger.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { originalOf } from './errors.js';

/**
 * Why a request was refused before it was run. A closed list: the log and the answer carry the
 * code, and a test holds each to an answer of 400 with BAD_USER_INPUT.
 */
export type RefusalReason =
  | 'NOT_ONE_OPERATION'
  | 'NO_QUERY'
  | 'TOO_MANY_TOKENS'
  | 'UNREADABLE_DOCUMENT'
  | 'TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_COSTLY'
  | 'INTROSPECTION_DISABLED'
  | 'INVALID_DOCUMENT'
  | 'UNKNOWN_OPERATION'
  | 'OPERATION_NOT_SERVED_HERE'
  | 'INVALID_VARIABLES'
  | 'INVALID_UNICODE';

/**
 * The messages of graphql-armor's limits. They name no number: a limit that says where it lies
 * tells a prober how far to go (ADR 0064); the operator finds the limits in the configuration.
 */
const LIMIT_MESSAGES = {
  TOO_DEEP: 'The query is nested too deeply.',
  TOO_MANY_ALIASES: 'The query uses too many aliases.',
  TOO_MANY_DIRECTIVES: 'The query uses too many directives.',
  TOO_COSTLY: 'The query asks for too much at once: ask for fewer fields or smaller pages.',
  TOO_MANY_TOKENS: 'The query is too long.',
} as const satisfies Partial<Record<RefusalReason, string>>;

/** graphql-armor's options with the limits' own messages (shared with Apollo: apollo.ts). */
export const armorMessages = {
  maxDepth: { exposeLimits: false, errorMessage: LIMIT_MESSAGES.TOO_DEEP },
  maxAliases: { exposeLimits: false, errorMessage: LIMIT_MESSAGES.TOO_MANY_ALIASES },
  maxDirectives: { exposeLimits: false, errorMessage: LIMIT_MESSAGES.TOO_MANY_DIRECTIVES },
  costLimit: { exposeLimits: false, errorMessage: LIMIT_MESSAGES.TOO_COSTLY },
  maxTokens: { exposeLimits: false, errorMessage: LIMIT_MESSAGES.TOO_MANY_TOKENS },
} as const;

const REASON_OF_MESSAGE = new Map<string, RefusalReason>(
  Object.entries(LIMIT_MESSAGES).map(([reason, message]) => [message, reason as RefusalReason]),
);

/**
 * The document limits (depth, aliases, tokens, cost, no field suggestions): the admission step,
 * Apollo and the WebSocket apply the same ones, with messages that name no number.
 */
export function armorFor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth, ...armorMessages.maxDepth },
    maxAliases: { n: config.limits.maxAliases, ...armorMessages.maxAliases },
    maxTokens: { n: config.limits.maxTokens, ...armorMessages.maxTokens },
    maxDirectives: { n: 20, ...armorMessages.maxDirectives },
    costLimit: { maxCost: config.limits.maxCost, ...armorMessages.costLimit },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** The validation rules every operation is held to, over HTTP and WebSocket alike. */
export function admissionRules(config: Config): ValidationRule[] {
  return [
    ...specifiedRules,
    ...armorFor(config).validationRules,
    ...(config.mode === 'development' ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

/** What a client sent to be run, after its id (if any) became a registered text. */
export interface SentRequest {
  query: unknown;
  operationName?: unknown;
  variables?: unknown;
  /** Several operations in one request (a JSON array): refused, as Apollo would. */
  batch?: boolean;
  /** The kinds of operation the transport serves (HTTP: queries and mutations). */
  serves?: readonly OperationTypeNode[];
}

/** A request that may run: its document, the operation it names and its coerced variables. */
export interface Admitted {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/** A refused request: one or more errors (validation may find several), each answered. */
export class Refusal {
  constructor(
    readonly reason: RefusalReason | string,
    readonly errors: readonly GraphQLError[],
  ) {}

  static of(error: AppError): Refusal {
    return new Refusal(String(error.details.reason), [
      new GraphQLError(error.message, { originalError: error }),
    ]);
  }
}

const refuse = (reason: RefusalReason, message: string) =>
  Refusal.of(badInput(message, { reason }));

/** A lone surrogate: half a character, which UTF-8 cannot even carry. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Validated documents by their text, so a repeated operation is parsed and validated once. */
const MAX_CACHED_DOCUMENTS = 1000;

/**
 * The admission step (ADR 0064): everything that can be judged from the request alone is judged
 * here, before a request context exists — so before a session is looked up, a transaction is
 * opened or any statement is sent. It parses the document (with the token limit), validates it
 * (the specified rules, graphql-armor's limits, no introspection in production), finds the
 * operation and coerces the variables through the schema's scalars (cursors, dates and their
 * years), and refuses text that is not valid Unicode. HTTP (`admissionGate`) and the WebSocket's
 * `onSubscribe` both call `admit`; a refusal is BAD_USER_INPUT (400 over HTTP), logged with its
 * reason and principal.
 */
export class Admission {
  private readonly rules: ValidationRule[];
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.rules = admissionRules(config);
  }

  /** Admits a request or says why not; a refusal is logged here, once, for both transports. */
  admit(sent: SentRequest, principal: Principal): Admitted | Refusal {
    const outcome = this.judge(sent);
    if (outcome instanceof Refusal) logRefusal(this.log, principal, outcome.reason);
    return outcome;
  }

  private judge(sent: SentRequest): Admitted | Refusal {
    if (sent.batch)
      return refuse('NOT_ONE_OPERATION', 'Send one operation per request, not a list of them.');
    if (typeof sent.query !== 'string' || sent.query.trim() === '')
      return refuse('NO_QUERY', 'The request has no query.');
    if (sent.operationName != null && typeof sent.operationName !== 'string')
      return refuse('UNKNOWN_OPERATION', '`operationName` is a string.');
    const variables = sent.variables ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables))
      return refuse('INVALID_VARIABLES', '`variables` is an object.');
    if (
      LONE_SURROGATE.test(sent.query) ||
      (sent.operationName != null && LONE_SURROGATE.test(sent.operationName)) ||
      holdsLoneSurrogate(variables)
    )
      return refuse(
        'INVALID_UNICODE',
        'The request holds text that is not valid Unicode (a lone surrogate).',
      );
    const document = this.documentOf(sent.query);
    if (document instanceof Refusal) return document;
    const operation = getOperationAST(document, sent.operationName ?? undefined);
    if (!operation)
      return refuse(
        'UNKNOWN_OPERATION',
        sent.operationName
          ? 'The document has no operation of that name.'
          : 'The document holds several operations: name the one to run (`operationName`).',
      );
    const coerced = getVariableValues(
      this.schema,
      operation.variableDefinitions ?? [],
      variables as Record<string, unknown>,
      { maxErrors: 20 },
    );
    if (coerced.errors) return refusalOf(coerced.errors, 'INVALID_VARIABLES');
    // After the input is judged, so a refused input gets its own reason on either transport.
    if (sent.serves && !sent.serves.includes(operation.operation))
      return refuse(
        'OPERATION_NOT_SERVED_HERE',
        operation.operation === 'subscription'
          ? 'Subscriptions are served over WebSocket (graphql-transport-ws) on /graphql.'
          : sent.serves.includes(OperationTypeNode.SUBSCRIPTION)
            ? 'Only subscriptions are served over WebSocket; use HTTP.'
            : 'A mutation is sent by POST.',
      );
    return { document, operation, variables: coerced.coerced };
  }

  private documentOf(query: string): DocumentNode | Refusal {
    const known = this.documents.get(query);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.config.limits.maxTokens });
    } catch (error) {
      // graphql-js names the limit in its message; the answer does not.
      if (error instanceof GraphQLError && /tokens\. Parsing aborted/.test(error.message))
        return refuse('TOO_MANY_TOKENS', LIMIT_MESSAGES.TOO_MANY_TOKENS);
      if (error instanceof GraphQLError) return refusalOf([error], 'UNREADABLE_DOCUMENT');
      throw error;
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length > 0) return refusalOf(errors, 'INVALID_DOCUMENT');
    if (this.documents.size >= MAX_CACHED_DOCUMENTS) this.documents.clear();
    this.documents.set(query, document);
    return document;
  }
}

/**
 * The refusal for errors graphql-js found: the reason of the first that has one of its own (a
 * limit, a scalar that refused a cursor or a date), else `fallback`. Every error is answered.
 */
function refusalOf(errors: readonly GraphQLError[], fallback: RefusalReason): Refusal {
  let reason: string | undefined;
  const answered = errors.map((error) => {
    const original = originalOf(error);
    if (original instanceof AppError) {
      reason ??= String(original.details.reason ?? fallback);
      return error;
    }
    // graphql-armor puts "Syntax Error: " before its messages, though nothing was misspelt.
    const bare = error.message.replace(/^Syntax Error: /, '');
    const limit = REASON_OF_MESSAGE.get(bare);
    if (limit) reason ??= limit;
    else if (error.message.startsWith('GraphQL introspection has been disabled'))
      reason ??= 'INTROSPECTION_DISABLED';
    // The answer keeps graphql-js's words and locations, with BAD_USER_INPUT and the reason.
    // No field suggestions: they would map the schema for someone who may not introspect it.
    const message = limit ? bare : error.message.replace(/ Did you mean .*$/, '');
    return new GraphQLError(message, {
      nodes: error.nodes,
      originalError: badInput(message, { reason: limit ?? fallback }),
    });
  });
  return new Refusal(reason ?? fallback, answered);
}

/**
 * Whether any string in a JSON value (keys included) holds a lone surrogate. Walked with a stack
 * of its own: a deeply nested body must not overflow the call stack.
 */
function holdsLoneSurrogate(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (LONE_SURROGATE.test(next)) return true;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (LONE_SURROGATE.test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** What a POST body or a GET query string asks to run, read without judging it. */
function sentOf(req: Request): SentRequest {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    if (Array.isArray(body)) return { query: undefined, batch: true };
    if (typeof body !== 'object' || body === null) return { query: undefined };
    const { query, operationName, variables } = body as Record<string, unknown>;
    return {
      query,
      operationName,
      variables,
      serves: [OperationTypeNode.QUERY, OperationTypeNode.MUTATION],
    };
  }
  if (req.method !== 'GET') return { query: undefined };
  const { query, operationName, variables } = req.query;
  let parsed: unknown;
  try {
    parsed = typeof variables === 'string' ? JSON.parse(variables) : variables;
  } catch {
    parsed = [];
  }
  // A GET is for reading: a mutation must come by POST (CSRF prevention).
  return { query, operationName, variables: parsed, serves: [OperationTypeNode.QUERY] };
}

/**
 * `POST /graphql` (and GET) through the admission step, after the trusted documents have been
 * resolved and before Apollo, whose first act is to build the request context (a transaction
 * and the session). A refusal is answered here, 400, and Apollo never sees the request.
 */
export function admissionGate(
  admission: Admission,
  principalOf: (req: Request, res: Response) => Principal,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const outcome = admission.admit(sentOf(req), principalOf(req, res));
    if (!(outcome instanceof Refusal)) return next();
    res.status(400).json({
      errors: outcome.errors.map((error) => formatError(error.toJSON(), error)),
    });
  };
}
