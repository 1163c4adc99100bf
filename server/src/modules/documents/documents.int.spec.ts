import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  sessionCookieName,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AppError } from '../../core/errors.js';
import { createRequestContext } from '../../request/request-context.js';
import { createLogger } from '../../core/logger.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { Document } from './document.entity.js';
import { requireCaseDocuments } from './document.service.js';

const MAX_BYTES = 64 * 1024;

// The smallest files of each kind, made here rather than read from fixtures.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90), Buffer.from('PE\0\0')]);
const HTML = Buffer.from(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
);

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const DOCUMENTS = /* GraphQL */ `
  query Documents($id: ID!) {
    case(id: $id) {
      documents {
        id
        name
        mediaType
        size
        sha256
        visibility
        kind
        downloadPath
      }
      timeline {
        type
        visibility
      }
    }
  }
`;

interface DocumentRow {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  visibility: string;
  kind: string;
  downloadPath: string;
}

/** Documents of a Wkkgz complaint, told from each side: who may add, list and download what. */
describe('documents over HTTP and GraphQL', () => {
  let server: TestServer;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let sharedPdfId: string;
  let internalPngId: string;

  const as = (name: string, organisation = zorg) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });

  async function upload(
    who: { token?: string | undefined; organisation?: string | undefined },
    content: Buffer | ReadableStream<Uint8Array>,
    options: {
      caseId?: string;
      visibility?: string;
      name?: string;
      contentType?: string;
      cookie?: boolean;
    } = {},
  ) {
    const query = new URLSearchParams({
      caseId: options.caseId ?? caseId,
      ...(options.visibility ? { visibility: options.visibility } : {}),
    });
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream',
      ...(who.organisation ? { 'x-organisation': who.organisation } : {}),
      ...(options.name ? { 'x-filename': encodeURIComponent(options.name) } : {}),
    };
    if (who.token) {
      if (options.cookie) headers.cookie = `${sessionCookieName(server)}=${who.token}`;
      else headers.authorization = `Bearer ${who.token}`;
    }
    const response = await fetch(`${server.url}/documents?${query}`, {
      method: 'POST',
      headers,
      body: content,
      ...(content instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const body = (await response.json()) as {
      id?: string;
      name?: string;
      mediaType?: string;
      size?: number;
      sha256?: string;
      error?: { code: string; reason?: string; message: string };
    };
    return { status: response.status, body };
  }

  async function download(who: { token?: string | undefined; organisation?: string }, id: string) {
    const response = await fetch(`${server.url}/documents/${id}`, {
      headers: {
        ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
        ...(who.organisation ? { 'x-organisation': who.organisation } : {}),
      },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  async function documentsSeenBy(name: string, organisation = zorg) {
    const result = await server.gql<{
      case: { documents: DocumentRow[]; timeline: { type: string; visibility: string }[] } | null;
    }>(DOCUMENTS, { id: caseId }, as(name, organisation));
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  async function storedDocuments() {
    return withTenantTransaction(server.ownerOrm, { organisationId: zorg.id }, (em) =>
      em.find(Document, { organisationId: zorg.id, caseId }),
    );
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    zorg = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    for (const name of Object.keys(zorg.people))
      tokens[name] = await signIn(server, zorg.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [{ summary: 'Mijn medicatie werd twee keer vergeten.' }],
          subjectIds: [zorg.people.employee!.id],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    caseId = filed.data!.fileComplaint.case.id;
  });
  afterAll(() => server.close());

  it('lets the client add a PDF, checked by its content and named after it', async () => {
    const result = await upload(as('client'), PDF, { name: 'verslag gesprek.exe' });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      name: 'verslag gesprek.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      visibility: 'shared',
      // No scanner is configured here: served at once, as before scanning (ADR 0066).
      scanStatus: 'not-scanned',
    });
    expect(result.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    sharedPdfId = result.body.id!;
  });

  it('lets staff add an internal PNG, sent with the session cookie', async () => {
    const result = await upload(as('manager'), PNG, {
      visibility: 'internal',
      name: '../../notities/foto.png',
      cookie: true,
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ name: 'foto.png', mediaType: 'image/png' });
    internalPngId = result.body.id!;
  });

  it('refuses an executable or a web page renamed .pdf, by their content, storing nothing', async () => {
    const before = (await storedDocuments()).length;
    for (const content of [EXE, HTML]) {
      const result = await upload(as('client'), content, { name: 'brief.pdf' });
      expect(result.status).toBe(415);
      expect(result.body.error).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNSUPPORTED_TYPE',
      });
    }
    expect((await storedDocuments()).length).toBe(before);
  });

  it('tells the uploader beforehand the largest size and the types it accepts', async () => {
    const rules = await server.gql(
      `{ documentUploadRules { maxBytes mediaTypes extensions } }`,
      {},
      as('client'),
    );
    expect(rules.errors).toBeUndefined();
    expect(rules.data).toEqual({
      documentUploadRules: {
        maxBytes: MAX_BYTES,
        mediaTypes: expect.arrayContaining(['application/pdf', 'image/png', 'text/plain']),
        extensions: ['pdf', 'png', 'jpg', 'txt', 'docx'],
      },
    });
  });

  it('refuses an empty file and one just over the limit, accepting one exactly at it', async () => {
    const empty = await upload(as('client'), Buffer.alloc(0), { name: 'leeg.txt' });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.reason).toBe('EMPTY');

    const atLimit = await upload(as('client'), Buffer.alloc(MAX_BYTES, 'a'), { name: 'a.txt' });
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.mediaType).toBe('text/plain');

    const before = (await storedDocuments()).length;
    const declared = await upload(as('client'), Buffer.alloc(MAX_BYTES + 1, 'a'));
    expect(declared.status).toBe(413);
    expect(declared.body.error?.reason).toBe('TOO_LARGE');

    // Without a declared length the limit holds while the body streams in.
    let sent = 0;
    const chunk = new Uint8Array(8 * 1024).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > MAX_BYTES * 4) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await upload(as('client'), endless);
    expect(streamed.status).toBe(413);
    expect((await storedDocuments()).length).toBe(before);
  });

  it('refuses without a session, in a wrong organisation, and for a case not visible (404 as for none)', async () => {
    expect((await upload({ organisation: zorg.slug }, PDF)).status).toBe(401);
    expect((await upload(as('otherDirector'), PDF)).status).toBe(403);
    const notVisible = await upload(as('client2'), PDF);
    const notThere = await upload(as('client2'), PDF, {
      caseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(notVisible.status).toBe(404);
    expect(notThere.status).toBe(404);
    expect(notVisible.body.error?.message).toBe(notThere.body.error?.message);
    const elsewhere = await upload(as('otherDirector', other), PDF);
    expect(elsewhere.status).toBe(404);
  });

  it('refuses an upload a cross-site form could send (the CSRF rule of /graphql)', async () => {
    const result = await upload(as('client'), Buffer.from('hallo'), {
      contentType: 'text/plain',
      cookie: true,
    });
    expect(result.status).toBe(400);
    expect(result.body.error?.reason).toBe('PREFLIGHT_REQUIRED');
  });

  it('does not let the client add an internal document, nor the subject add any', async () => {
    const client = await upload(as('client'), PDF, { visibility: 'internal' });
    expect(client.status).toBe(403);
    const subject = await upload(as('employee'), PDF);
    expect(subject.status).toBe(403);
  });

  it('lists documents per audience: staff all, the client the shared ones, the subject none', async () => {
    const staff = await documentsSeenBy('manager');
    expect(staff!.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining([sharedPdfId, internalPngId]),
    );
    const client = await documentsSeenBy('client');
    expect(client!.documents.map((d) => d.id)).toContain(sharedPdfId);
    expect(client!.documents.every((d) => d.visibility === 'shared')).toBe(true);
    expect(client!.documents.map((d) => d.id)).not.toContain(internalPngId);
    expect(client!.timeline.filter((e) => e.type === 'document-added').length).toBe(
      client!.documents.length,
    );
    const subject = await documentsSeenBy('employee');
    expect(subject!.documents).toEqual([]);
    expect(await documentsSeenBy('client2')).toBeNull();
    expect(await documentsSeenBy('otherDirector', other)).toBeNull();
  });

  it('downloads as an attachment with the detected type and nosniff', async () => {
    const result = await download(as('client'), sharedPdfId);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/pdf');
    expect(result.headers.get('content-disposition')).toMatch(
      /^attachment; filename="verslag gesprek\.pdf"/,
    );
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    expect(result.bytes.equals(PDF)).toBe(true);
    const png = await download(as('director'), internalPngId);
    expect(png.status).toBe(200);
    expect(png.bytes.equals(PNG)).toBe(true);
  });

  it('answers a hidden document exactly like a missing one, and logs every attempt', async () => {
    const missing = await download(as('client'), '00000000-0000-4000-8000-000000000000');
    const internal = await download(as('client'), internalPngId);
    const subject = await download(as('employee'), sharedPdfId);
    const stranger = await download(as('client2'), sharedPdfId);
    const otherOrganisation = await download(as('otherDirector', other), sharedPdfId);
    const answer = (refused: { status: number; bytes: Buffer }) => {
      const { error } = JSON.parse(refused.bytes.toString()) as {
        error: { code: string; message: string };
      };
      return [refused.status, error.code, error.message];
    };
    expect(answer(missing)).toEqual([404, 'NOT_FOUND', 'Document not found.']);
    for (const refused of [internal, subject, stranger, otherOrganisation]) {
      expect(answer(refused)).toEqual(answer(missing));
    }
    expect((await download({ organisation: zorg.slug }, sharedPdfId)).status).toBe(401);

    const entries = await withTenantTransaction(
      server.ownerOrm,
      { organisationId: zorg.id },
      (em) => em.find(AccessLogEntry, { organisationId: zorg.id, action: 'download-document' }),
    );
    const line = (name: string, outcome: string) =>
      entries.some((e) => e.userId === zorg.people[name]!.id && e.outcome === outcome);
    expect(line('client', 'allowed')).toBe(true);
    expect(line('client', 'denied')).toBe(true);
    expect(line('employee', 'denied')).toBe(true);
    expect(line('client2', 'denied')).toBe(true);
  });

  it('lets other modules accept only documents of the case that the viewer may see', async () => {
    const otherCase = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Een andere klacht.' }] } },
      as('client'),
    );
    const otherCaseId = otherCase.data!.fileComplaint.case.id;
    const elsewhere = await upload(as('client'), PNG, { caseId: otherCaseId });
    expect(elsewhere.status).toBe(201);

    const check = async (name: string, ids: string[]) => {
      const ctx = await createRequestContext(
        {
          orm: server.runtimeOrm,
          config: server.config,
          log: createLogger('silent'),
          clock: server.clock.now,
        },
        { token: tokens[name], organisationSlug: zorg.slug },
      );
      try {
        const { kase } = await loadVisibleCase(ctx, caseId, 'read', 'read');
        return (await requireCaseDocuments(ctx, kase, ids)).map((d) => d.id);
      } catch (error) {
        if (error instanceof AppError) return error.code;
        throw error;
      } finally {
        await ctx.tx.rollback();
      }
    };
    expect(await check('client', [sharedPdfId, sharedPdfId])).toEqual([sharedPdfId]);
    expect(await check('manager', [internalPngId, sharedPdfId])).toEqual([
      internalPngId,
      sharedPdfId,
    ]);
    expect(await check('client', [internalPngId])).toBe('BAD_USER_INPUT');
    expect(await check('client', [elsewhere.body.id!])).toBe('BAD_USER_INPUT');
    expect(await check('client', ['not-an-id'])).toBe('BAD_USER_INPUT');
    expect(await check('client', [])).toEqual([]);
  });
});
