import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError, badInput } from '../errors.js';
import type { Presented } from '../http/credentials.js';
import { logRefusal, type Principal } from '../http/refusals.js';
import type { Logger } from '../logger.js';

/** What a client sent to be run: over HTTP the body, over WebSocket the subscribe payload. */
export interface SentOperation {
  query?: unknown;
  extensions?: unknown;
}

/** The document to run, with the extensions left to pass on; or why it may not run. */
export type Resolution = { query: string | undefined; extensions: unknown } | AppError;

const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string().min(1));

/** The automatic-persisted-queries extension (`{ version: 1, sha256Hash }`), as clients send it. */
const persistedQuerySchema = z.object({
  version: z.literal(1),
  sha256Hash: z.string().regex(/^[0-9a-f]{64}$/i),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The operations the web build registered (`web/dist/trusted-documents.json`), by the id the
 * client sends them by (ADR 0063), and the rule for who may send what. One resolver for HTTP and
 * WebSocket, applied before anything is parsed or the database is touched.
 */
export class TrustedDocuments {
  private constructor(
    private readonly documents: ReadonlyMap<string, string>,
    readonly mode: Config['trustedDocuments'],
  ) {}

  /**
   * Reads the build's manifest. Without one (no web build next to the server) nothing is
   * registered: an id is then always unknown, and in `require` mode a browser session can run
   * nothing, which the log says at start.
   */
  static load(file: string, mode: Config['trustedDocuments'], log: Logger): TrustedDocuments {
    if (!existsSync(file)) {
      log.warn(
        { file, mode },
        mode === 'require'
          ? 'no trusted documents: browser sessions can run no operation until the web is built'
          : 'no trusted documents: operation ids are unknown, full documents are accepted',
      );
      return new TrustedDocuments(new Map(), mode);
    }
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`Invalid trusted documents manifest: ${file}`);
    // An id that is not the hash of its text would let a client run one text under another's
    // name; a build that wrote one is broken, and the server says so before it serves anything.
    for (const [id, text] of Object.entries(parsed.data)) {
      if (sha256(text) !== id)
        throw new Error(`Trusted documents manifest ${file}: ${id} is not its document's hash`);
    }
    return new TrustedDocuments(new Map(Object.entries(parsed.data)), mode);
  }

  get size(): number {
    return this.documents.size;
  }

  /**
   * The document a request runs. A registered id runs its registered text (a text sent beside it
   * must be that text). A request with the session cookie must come by a registered id when the
   * mode is `require`: its cookie is sent by the browser itself, so whatever script runs in the
   * page could otherwise ask anything it likes with the person's rights. A bearer token or no
   * credential may send any document, limited as every operation is (depth, cost, rate).
   */
  resolve(sent: SentOperation, presented: Presented): Resolution {
    const { persistedQuery, ...extensions } = isRecord(sent.extensions) ? sent.extensions : {};
    const query = typeof sent.query === 'string' && sent.query !== '' ? sent.query : undefined;
    const rest = Object.keys(extensions).length > 0 ? extensions : undefined;
    if (persistedQuery !== undefined) {
      const parsed = persistedQuerySchema.safeParse(persistedQuery);
      if (!parsed.success)
        return badInput('The operation id is not a persisted query of version 1.', {
          reason: 'PERSISTED_QUERY_INVALID',
        });
      const registered = this.documents.get(parsed.data.sha256Hash.toLowerCase());
      if (registered !== undefined) {
        if (query !== undefined && query !== registered)
          return badInput('The document sent is not the one registered under its id.', {
            reason: 'PERSISTED_QUERY_MISMATCH',
          });
        return { query: registered, extensions: rest };
      }
      // The automatic-persisted-queries protocol's own words: clients (urql, Apollo Client)
      // know them and send the document in full, which is then judged like any other.
      if (query === undefined)
        return badInput('PersistedQueryNotFound', { reason: 'PERSISTED_QUERY_NOT_FOUND' });
    }
    if (query !== undefined && presented === 'cookie' && this.mode === 'require')
      return badInput(
        'A browser session may run only the web client’s registered operations, sent by id.',
        { reason: 'PERSISTED_QUERY_REQUIRED' },
      );
    return { query, extensions: rest };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves `POST /graphql` bodies before Apollo reads them (and before a request context, with
 * its transaction, exists): an id becomes its registered text, a refusal is answered 400 here.
 * Apollo's own persisted queries stay off, so no client can register a document of its own.
 */
export function trustedDocumentsGate(
  trusted: TrustedDocuments,
  principalOf: (req: Request, res: Response) => Principal,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  log: Logger,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(req, res);
    const presented = principal.presented ?? 'none';
    const refuse = (failure: AppError) => {
      logRefusal(log, principal, String(failure.details.reason));
      const error = new GraphQLError(failure.message, { originalError: failure });
      res.status(400).json({ errors: [formatError(error.toJSON(), error)] });
    };
    if (req.method !== 'POST') {
      // A GET cannot be rewritten here (Express parses its query string anew on every read), and
      // the web client never sends one: an id by GET is refused, a document judged as by POST.
      const extensions = parseJson(req.query.extensions);
      if (isRecord(extensions) && extensions.persistedQuery !== undefined)
        return refuse(
          badInput('Send operations by id with POST.', { reason: 'PERSISTED_QUERY_GET' }),
        );
      const outcome = trusted.resolve({ query: req.query.query }, presented);
      return outcome instanceof AppError ? refuse(outcome) : next();
    }
    const body: unknown = req.body;
    // A batch (an array) or no body at all is Apollo's to refuse.
    if (!isRecord(body)) return next();
    const outcome = trusted.resolve(body, presented);
    if (outcome instanceof AppError) return refuse(outcome);
    if (outcome.query === undefined) delete body.query;
    else body.query = outcome.query;
    if (outcome.extensions === undefined) delete body.extensions;
    else body.extensions = outcome.extensions;
    next();
  };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
