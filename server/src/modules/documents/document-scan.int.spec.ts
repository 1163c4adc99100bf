import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR, EICAR_SIGNATURE, startClamd, type TestClamd } from '../../../test/clamd.js';
import { freePort } from '../../../test/free-port.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import type { KlachtpadWorker } from '../../jobs.js';
import { Document } from './document.entity.js';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
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
        scanStatus
      }
    }
  }
`;
const POST_MESSAGE = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      documentIds
    }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($caseId: ID!, $items: [BundleItemInput!]!) {
    proposeBundleItems(caseId: $caseId, items: $items) {
      kind
      itemId
      status
    }
  }
`;

/** One organisation with a filed complaint, a second one beside it, and sessions for each. */
async function arrangeStory(server: TestServer) {
  const zorg = await arrangeOrganisation(server.ownerOrm, {
    client: ['client'],
    client2: ['client'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
  await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
  const tokens: Record<string, string> = {};
  for (const name of Object.keys(zorg.people))
    tokens[name] = await signIn(server, zorg.people[name]!);
  tokens.otherDirector = await signIn(server, other.people.director!);
  const as = (name: string, organisation: ArrangedOrganisation = zorg) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
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
  const caseId = filed.data!.fileComplaint.case.id;

  async function upload(who: { token?: string; organisation: string }, content: Buffer) {
    const response = await fetch(`${server.url}/documents?caseId=${caseId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        authorization: `Bearer ${who.token}`,
        'x-organisation': who.organisation,
        'x-filename': 'bijlage',
      },
      body: content,
    });
    return {
      status: response.status,
      body: (await response.json()) as { id: string; scanStatus: string },
    };
  }

  async function download(who: { token?: string; organisation: string }, id: string) {
    const response = await fetch(`${server.url}/documents/${id}`, {
      headers: { authorization: `Bearer ${who.token}`, 'x-organisation': who.organisation },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.startsWith('application/json')
      ? (JSON.parse(bytes.toString()) as {
          error: { code: string; reason?: string; message: string };
        })
      : undefined;
    return { status: response.status, bytes, error: json?.error };
  }

  async function scanStatusSeenBy(name: string, id: string) {
    const result = await server.gql<{ case: { documents: { id: string; scanStatus: string }[] } }>(
      DOCUMENTS,
      { id: caseId },
      as(name),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.case.documents.find((document) => document.id === id)?.scanStatus;
  }

  async function stored(id: string) {
    return withTenantTransaction(server.ownerOrm, { organisationId: zorg.id }, (em) =>
      em.findOneOrFail(Document, { organisationId: zorg.id, id }),
    );
  }

  return { zorg, other, tokens, as, caseId, upload, download, scanStatusSeenBy, stored };
}

/** Uploads while a real clamd (with one test signature, EICAR) scans them through the queue. */
describe('malware scanning of uploads with clamd', () => {
  let clamd: TestClamd;
  let server: TestServer;
  let worker: KlachtpadWorker;
  let story: Awaited<ReturnType<typeof arrangeStory>>;

  beforeAll(async () => {
    clamd = await startClamd({ port: await freePort() });
    server = await startTestServer({ env: { CLAMD_URL: clamd.url } });
    story = await arrangeStory(server);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await clamd?.stop();
  });

  it('stores an upload as pending and serves it to nobody, nor lets it be passed on, until clamd finds it clean', async () => {
    const { as, upload, download, scanStatusSeenBy, caseId } = story;
    const uploaded = await upload(as('client'), PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.scanStatus).toBe('pending');
    const id = uploaded.body.id;

    // The uploader and staff see it listed as pending; neither gets its bytes.
    expect(await scanStatusSeenBy('client', id)).toBe('pending');
    expect(await scanStatusSeenBy('manager', id)).toBe('pending');
    for (const who of ['client', 'manager']) {
      const pending = await download(as(who), id);
      expect(pending.status).toBe(409);
      expect(pending.error).toMatchObject({ code: 'CONFLICT', reason: 'SCAN_PENDING' });
      expect(pending.bytes.includes(PDF)).toBe(false);
    }
    // Nor does it travel with a message or to a commission's bundle.
    const attached = await server.gql(
      POST_MESSAGE,
      { input: { caseId, body: 'Zie bijlage.', visibility: 'SHARED', documentIds: [id] } },
      as('client'),
    );
    expect(attached.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SCAN_PENDING',
    });
    const proposed = await server.gql(
      PROPOSE,
      { caseId, items: [{ kind: 'document', id }] },
      as('manager'),
    );
    expect(proposed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SCAN_PENDING',
    });

    // The queue's worker starts only now, so that nothing above raced the scan.
    worker = await server.startWorker([story.zorg]);
    await worker.drain();

    expect(await scanStatusSeenBy('client', id)).toBe('clean');
    const served = await download(as('client'), id);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PDF)).toBe(true);
    const posted = await server.gql<{ postMessage: { documentIds: string[] } }>(
      POST_MESSAGE,
      { input: { caseId, body: 'Zie bijlage.', visibility: 'SHARED', documentIds: [id] } },
      as('client'),
    );
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postMessage.documentIds).toEqual([id]);
    const bundled = await server.gql(
      PROPOSE,
      { caseId, items: [{ kind: 'document', id }] },
      as('manager'),
    );
    expect(bundled.errors).toBeUndefined();
  });

  it('quarantines an infected upload: never served, the uploader told so, the verdict final', async () => {
    const { as, upload, download, scanStatusSeenBy, stored, caseId, zorg } = story;
    const uploaded = await upload(as('client'), EICAR);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.scanStatus).toBe('pending');
    const id = uploaded.body.id;

    await worker.drain();

    expect(await scanStatusSeenBy('client', id)).toBe('infected');
    const row = await stored(id);
    expect(row).toMatchObject({ scanStatus: 'infected', scanSignature: EICAR_SIGNATURE });
    for (const who of ['client', 'manager', 'director']) {
      const refused = await download(as(who), id);
      expect(refused.status).toBe(409);
      expect(refused.error).toMatchObject({ code: 'CONFLICT', reason: 'INFECTED' });
      expect(refused.bytes.includes(EICAR)).toBe(false);
    }
    const attached = await server.gql(
      POST_MESSAGE,
      { input: { caseId, body: 'Nog een keer.', visibility: 'SHARED', documentIds: [id] } },
      as('client'),
    );
    expect(attached.errors?.[0]?.extensions).toMatchObject({ reason: 'INFECTED' });

    // Not even a statement of the runtime role in the organisation's scope can release it.
    await expect(
      withTenantTransaction(server.runtimeOrm, { organisationId: zorg.id }, (em) =>
        em.nativeUpdate(Document, { organisationId: zorg.id, id }, { scanStatus: 'clean' }),
      ),
    ).rejects.toThrow(/scan verdict is final/);
    expect((await stored(id)).scanStatus).toBe('infected');
  });

  it('answers another organisation, and a client who may not see it, as if the document did not exist', async () => {
    const { as, upload, download, other, tokens } = story;
    const pending = await upload(as('client'), PDF);
    const infected = await upload(as('client'), EICAR);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const answers = async (who: { token?: string; organisation: string }) =>
      Promise.all(
        [pending.body.id, infected.body.id, unknown].map(async (id) => {
          const { status, error } = await download(who, id);
          return { status, code: error?.code, message: error?.message };
        }),
      );
    const outsider = { token: tokens.otherDirector, organisation: other.slug };
    for (const who of [outsider, as('client2')]) {
      const [pendingAnswer, infectedAnswer, unknownAnswer] = await answers(who);
      expect(pendingAnswer).toEqual(unknownAnswer);
      expect(infectedAnswer).toEqual(unknownAnswer);
      expect(unknownAnswer!.status).toBe(404);
    }
    await worker.drain();
    const [pendingAnswer, infectedAnswer, unknownAnswer] = await answers(outsider);
    expect(pendingAnswer).toEqual(unknownAnswer);
    expect(infectedAnswer).toEqual(unknownAnswer);
  });
});

describe('malware scanning while clamd is down', () => {
  let dir: string;
  let socket: string;
  let clamd: TestClamd | undefined;
  let server: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'klachtpad-clamd-down-'));
    socket = path.join(dir, 'clamd.sock');
    server = await startTestServer({ env: { CLAMD_URL: `unix://${socket}` } });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await clamd?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps an upload pending while clamd cannot be reached, and the queue scans it once clamd is up', async () => {
    const story = await arrangeStory(server);
    const worker = await server.startWorker([story.zorg]);
    const uploaded = await story.upload(story.as('client'), PDF);
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id;

    // The first attempt finds nothing at the socket: the job fails and waits for its retry.
    await worker.drain();
    expect(await story.scanStatusSeenBy('client', id)).toBe('pending');
    expect((await story.download(story.as('client'), id)).status).toBe(409);

    clamd = await startClamd({ socket });
    // graphile-worker retries with backoff (seconds for the first retries); nobody re-queues it.
    const deadline = Date.now() + 150_000;
    while ((await story.stored(id)).scanStatus === 'pending' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await story.scanStatusSeenBy('client', id)).toBe('clean');
    const served = await story.download(story.as('client'), id);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PDF)).toBe(true);
  }, 240_000);
});
