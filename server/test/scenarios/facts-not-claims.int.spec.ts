import { describe, expect, it } from 'vitest';
import { amsterdamDate } from '@klachtpad/procedures';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  performActionsAs,
  uploadDocumentAs,
} from '../casework-fixtures.js';
import { arrangeSeedWalk, recordFactsAs } from '../route-walk.js';
import { ACT } from './operations.js';

/**
 * Issue 8 §1 through the API (ADR 0099): what others did is a fact of the case record, never a
 * claim in an action's input. Each typed claim — a signed-by list, the client's approval, the
 * client's consent, a notice-sent date — is refused with a clear error and writes nothing; the
 * real acts (minutes signed by everyone present, the client's consent given in the portal or a
 * consent document staff mark, the extension letter sent) are accepted.
 */

const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      version
      deadlines {
        clock
        due
        explanation
      }
      timeline {
        type
        visibility
        payload
      }
      documents {
        id
        consentToExtension
        consentGivenOn
      }
    }
  }
`;
const MARK = /* GraphQL */ `
  mutation Mark($documentId: ID!) {
    markConsentDocument(documentId: $documentId) {
      id
      consentToExtension
      consentGivenOn
    }
  }
`;
const WAITING = /* GraphQL */ `
  query Waiting($id: ID!) {
    case(id: $id) {
      consentsAwaited {
        extension
        since
        until
      }
      pendingNotices {
        extension
        awaitsConsent
        owedTo {
          role
        }
      }
    }
  }
`;
interface Waiting {
  consentsAwaited: { extension: string; since: string; until: string }[] | null;
  pendingNotices:
    { extension: string; awaitsConsent: boolean; owedTo: { role: string }[] }[] | null;
}
const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($caseId: ID!) {
    accessLog(caseId: $caseId) {
      who
      onBehalfOf
      action
      outcome
    }
  }
`;

interface Look {
  version: number;
  deadlines: { clock: string; due: string; explanation: string }[];
  timeline: { type: string; visibility: string; payload: Record<string, unknown> }[];
  documents: { id: string; consentToExtension: string | null; consentGivenOn: string | null }[];
}

const REASON = 'Wij wachten op het verslag van de huisarts.';
const extension = (amount: number) => ({ extension: { amount, unit: 'weeks', reason: REASON } });

describe('acts of parties are facts, not typed input', () => {
  const walk = arrangeSeedWalk('wkkgz', {
    client: ['client'],
    handler: ['handler'],
    handler2: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const { as } = walk;

  async function look(caseId: string, name = 'manager'): Promise<Look> {
    const result = await walk.server.gql<{ case: Look }>(CASE, { id: caseId }, as(name));
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  async function act(name: string, caseId: string, action: string, payload: object) {
    const { version } = await look(caseId);
    const result = await walk.server.gql<{
      performAction: {
        __typename: string;
        code?: string;
        reasons?: { message: { en: string } }[];
      };
    }>(ACT, { input: { caseId, action, expectedVersion: version, payload } }, as(name));
    expect(result.errors).toBeUndefined();
    return result.data!.performAction;
  }

  /** A Wkkgz complaint in handling whose first extension was announced and took effect. */
  async function extendedOnce(): Promise<string> {
    const caseId = await fileComplaintAs(walk.server, as('client'), {
      parts: [{ summary: 'Mijn wondzorg werd een week overgeslagen.' }],
      subjectIds: [walk.org.people.employee!.id],
    });
    await assignHandlerAs(walk.server, as('manager'), caseId, walk.org.people.handler!.id);
    await performActionsAs(walk.server, caseId, (await look(caseId)).version, [
      [as('handler'), 'start-handling', {}],
      [as('handler'), 'extend-decision-term', extension(4)],
    ]);
    await sendExtensionLetter(caseId);
    return caseId;
  }

  /** The handler drafts the extension letter and sends it to the client, through the services. */
  async function sendExtensionLetter(caseId: string) {
    const on = amsterdamDate(walk.server.clock.now());
    await recordFactsAs(walk.server, walk.org, caseId, {
      letters: [{ id: 'notice', kind: 'extension', sentOn: on, to: ['client'] }],
    });
  }

  it('refuses every typed claim in an action input with a clear error, and writes nothing', async () => {
    const caseId = await extendedOnce();
    await act('handler', caseId, 'extend-decision-term', extension(2));
    const before = await look(caseId);
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const claims: [string, string, Record<string, unknown>][] = [
      // "Signed by everyone present", typed by the handler.
      [
        'handler',
        'resolve-by-mediation',
        {
          agreement: 'Vaste wondverpleegkundige.',
          signedBy: [{ participant: 'client', name: 'K. Lant', signedOn: '2026-03-03' }],
        },
      ],
      // "The client approves", typed by the manager.
      [
        'manager',
        'record-decision',
        {
          outcomes: [],
          reasoning: 'De cliënt is akkoord.',
          clientApproves: true,
        },
      ],
      // "The client consents to the further extension", typed by staff.
      ['handler', 'extend-decision-term', { ...extension(2), clientConsent: true }],
      // "Notice sent on", typed by staff.
      ['director', 'extend-decision-term', { ...extension(2), noticeSentOn: '2026-03-03' }],
    ];
    for (const [name, action, payload] of claims) {
      const refused = await act(name, caseId, action, payload);
      const claim = Object.keys(payload).at(-1)!;
      expect(refused, `${action}: ${claim}`).toMatchObject({
        __typename: 'ActionRefused',
        code: 'unknown-input',
      });
      expect(refused.reasons![0]!.message.en).toBe(
        `"${claim}" is not an input of "${walk.procedure.actions.find((a) => a.id === action)!.label.en}". What others did (signed minutes, approvals, consent, letters sent) Klachtpad reads from the case record, never from what someone types.`,
      );
    }
    // The client's consent typed into the client's own answer is refused just the same.
    expect(
      await act('client', caseId, 'consent-to-extension', {
        answer: 'ja',
        consentedOn: '2026-03-01',
      }),
    ).toMatchObject({ code: 'unknown-input' });
    const after = await look(caseId);
    expect(after.version).toBe(before.version);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);
  });

  it('takes the client’s own consent in the portal, and the extension once its letter is sent', async () => {
    const caseId = await extendedOnce();
    await act('handler', caseId, 'extend-decision-term', extension(2));
    const waiting = (await look(caseId)).deadlines[0]!;
    expect(waiting.explanation).toContain('toestemming van de cliënt');
    // Staff cannot give it for the client: the consent is the client's act.
    expect(await act('handler', caseId, 'consent-to-extension', { answer: 'ja' })).toMatchObject({
      code: 'role-not-allowed',
    });
    expect(await act('client', caseId, 'consent-to-extension', { answer: 'ja' })).toMatchObject({
      __typename: 'CaseChanged',
    });
    // Consent alone is not enough: the notice still has to go out.
    expect((await look(caseId)).deadlines[0]!.due).toBe(waiting.due);
    await sendExtensionLetter(caseId);
    const extended = (await look(caseId)).deadlines[0]!;
    expect(extended.due > waiting.due).toBe(true);
    expect(extended.explanation).toContain('met toestemming van de cliënt van');
  });

  it('takes a consent document staff mark, logged as the client’s act; nobody else may mark one', async () => {
    const caseId = await extendedOnce();
    const early = await uploadDocumentAs(walk.server, as('client'), caseId, 'shared', 'vooraf.txt');
    walk.server.clock.advance(86_400_000);
    await act('handler', caseId, 'extend-decision-term', extension(2));
    const waiting = (await look(caseId)).deadlines[0]!;
    const consent = await uploadDocumentAs(
      walk.server,
      as('client'),
      caseId,
      'shared',
      'akkoord.txt',
    );
    const before = await look(caseId);
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const waitingAs = async (name: string, organisation = walk.org) =>
      (
        await walk.server.gql<{ case: Waiting | null }>(
          WAITING,
          { id: caseId },
          as(name, organisation),
        )
      ).data?.case ?? null;
    // Staff of the case see what the further extension waits for: the client's consent, from an
    // upload of these days, and its letter to the client.
    const today = amsterdamDate(walk.server.clock.now());
    expect(await waitingAs('handler')).toEqual({
      consentsAwaited: [{ extension: 'beslistermijn#2', since: today, until: waiting.due }],
      pendingNotices: [
        { extension: 'beslistermijn#2', awaitsConsent: true, owedTo: [{ role: 'client' }] },
      ],
    });
    // The client side and the subject see the case but neither list; others see no case.
    for (const name of ['client', 'employee'])
      expect(await waitingAs(name), name).toEqual({ consentsAwaited: null, pendingNotices: null });
    expect(await waitingAs('handler2')).toBeNull();
    expect(await waitingAs('director', walk.other)).toBeNull();

    // The wrong people, and every other organisation, find no such document.
    for (const [name, organisation] of [
      ['client', walk.org],
      ['employee', walk.org],
      ['handler2', walk.org],
      ['director', walk.other],
    ] as const) {
      const refused = await walk.server.gql(MARK, { documentId: consent }, as(name, organisation));
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('NOT_FOUND');
    }
    // A letter is no consent; a document from before the extension cannot consent to it.
    const letters = (await look(caseId)).documents.filter(
      (d) => d.id !== consent && d.id !== early,
    );
    const notUpload = await walk.server.gql(MARK, { documentId: letters[0]!.id }, as('handler'));
    expect(notUpload.errors?.[0]).toMatchObject({
      message: 'Alleen een geüpload document kan de toestemming van de cliënt zijn.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const tooEarly = await walk.server.gql(MARK, { documentId: early }, as('handler'));
    expect(tooEarly.errors?.[0]?.message).toBe(
      'Dit document kwam binnen vóór de verlenging werd vastgelegd: het kan er geen toestemming voor zijn.',
    );
    const unchanged = await look(caseId);
    expect(unchanged.version).toBe(before.version);
    expect(unchanged.documents.every((d) => d.consentToExtension === null)).toBe(true);
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);

    const marked = await walk.server.gql<{
      markConsentDocument: { consentToExtension: string; consentGivenOn: string };
    }>(MARK, { documentId: consent }, as('handler'));
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markConsentDocument).toMatchObject({
      consentToExtension: 'beslistermijn#2',
      consentGivenOn: amsterdamDate(walk.server.clock.now()),
    });
    const twice = await walk.server.gql(MARK, { documentId: consent }, as('manager'));
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The client sees their consent recorded as theirs, and who recorded it on their behalf.
    const seen = await look(caseId, 'client');
    expect(seen.timeline.at(-1)).toMatchObject({
      type: 'consent-given',
      visibility: 'shared',
      payload: { via: 'document', extension: 'beslistermijn#2', documentId: consent },
    });
    const log = await walk.server.gql<{
      accessLog: { who: string; onBehalfOf: string | null; action: string; outcome: string }[];
    }>(ACCESS_LOG, { caseId }, as('client'));
    expect(log.data!.accessLog).toContainEqual({
      who: 'handler',
      onBehalfOf: 'client',
      action: 'mark-consent-document',
      outcome: 'allowed',
    });
    // The consent is in; once the notice is sent the further extension takes effect.
    expect((await look(caseId)).deadlines[0]!.due).toBe(waiting.due);
    expect(await waitingAs('handler')).toEqual({
      consentsAwaited: [],
      pendingNotices: [
        { extension: 'beslistermijn#2', awaitsConsent: false, owedTo: [{ role: 'client' }] },
      ],
    });
    await sendExtensionLetter(caseId);
    expect(await waitingAs('handler')).toEqual({ consentsAwaited: [], pendingNotices: [] });
    const extended = (await look(caseId)).deadlines[0]!;
    expect(extended.due > waiting.due).toBe(true);
    expect(extended.explanation).toContain('met toestemming van de cliënt van');
  });
});

describe('signed minutes are the people’s own signatures', () => {
  const walk = arrangeSeedWalk('bureau-mhr', {
    client: ['client'],
    handler: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const { as } = walk;

  it('refuses a typed signed-by list, and takes the mediation minutes everyone present signed', async () => {
    const caseId = await fileComplaintAs(walk.server, as('client'), {
      eventDate: amsterdamDate(walk.server.clock.now()),
      parts: [{ summary: 'Mijn begeleider kwam drie keer niet opdagen.' }],
      subjectIds: [walk.org.people.employee!.id],
    });
    await assignHandlerAs(walk.server, as('manager'), caseId, walk.org.people.handler!.id);
    const filed = await walk.server.gql<{ case: { version: number } }>(
      'query V($id: ID!) { case(id: $id) { version } }',
      { id: caseId },
      as('handler'),
    );
    let version = await performActionsAs(walk.server, caseId, filed.data!.case.version, [
      [as('handler'), 'inform-subject', { 'informed-on': amsterdamDate(walk.server.clock.now()) }],
    ]);
    const perform = (payload: Record<string, unknown>) =>
      walk.server.gql<{
        performAction: { __typename: string; code?: string; case?: { version: number } };
      }>(
        ACT,
        { input: { caseId, action: 'record-mediation', expectedVersion: version, payload } },
        as('handler'),
      );
    const typed = await perform({
      result: 'mislukt',
      signedBy: [
        { participant: 'client', name: 'K. Lant' },
        { participant: 'subject', name: 'J. Jansen' },
      ],
    });
    expect(typed.data!.performAction).toMatchObject({ code: 'unknown-input' });
    // Without the signatures the step waits for them.
    expect((await perform({ result: 'mislukt' })).data!.performAction).toMatchObject({
      code: 'facts-missing',
    });
    // The talk held with the client and the person involved, its minutes signed by each of them.
    await recordFactsAs(walk.server, walk.org, caseId, {
      meetings: [
        {
          id: 'talk',
          kind: 'meeting',
          on: amsterdamDate(walk.server.clock.now()),
          invited: ['client', 'subject', 'handler'],
          present: ['client', 'subject', 'handler'],
        },
      ],
    });
    const signed = await perform({ result: 'mislukt' });
    expect(signed.data!.performAction.__typename).toBe('CaseChanged');
    version = signed.data!.performAction.case!.version;
    expect(version).toBeGreaterThan(2);
  });
});
