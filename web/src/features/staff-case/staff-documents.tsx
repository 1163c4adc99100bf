import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { downloadDocument } from '../../shared/documents/document-transfer';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { amsterdamToday } from '../case/today';
import type { People } from './people';
import {
  GenerateLetterMutation,
  MarkConsentDocumentMutation,
  SendLetterMutation,
  type StaffCase,
} from './staff-case.graphql';

const LETTER_KINDS = ['OUTCOME', 'EXTENSION', 'DECISION'] as const;
const VISIBILITIES = ['shared', 'internal', 'subject'] as const;

/**
 * Documents and letters: every file with who may read it; a letter is drafted as an internal PDF,
 * checked by downloading it, and only then sent, from which moment the client side sees it.
 */
export function StaffDocuments({
  kase,
  people,
  onChanged,
}: {
  kase: StaffCase;
  people: People;
  onChanged(): void;
}) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { active } = useSession();
  const [, generate] = useMutation(GenerateLetterMutation);
  const [, sendLetter] = useMutation(SendLetterMutation);
  const [, markConsent] = useMutation(MarkConsentDocumentMutation);
  const [confirming, setConfirming] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [kind, setKind] = useState<(typeof LETTER_KINDS)[number]>('OUTCOME');
  // An extension letter also goes to each person complained about where the law says so (Awb 9).
  const [addressee, setAddressee] = useState('client');
  const subjects = kase.subjectIds ?? [];
  const toSubject = kind === 'EXTENSION' && subjects.includes(addressee) ? addressee : undefined;
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<string | undefined>) => {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      const failed = await run();
      if (failed) setProblem(failed);
      else onChanged();
    } finally {
      setBusy(false);
    }
  };

  const draft = () =>
    act(async () => {
      const result = await generate({
        input: { caseId: kase.id, kind, ...(toSubject ? { subjectId: toSubject } : {}) },
      });
      const failure = apiFailure(result.error);
      if (failure) return generalFailureMessage(failure, common);
      const answer = result.data?.generateLetter;
      if (answer?.__typename === 'LetterRefused')
        return t(`letters.refused.${refusal(answer.code)}`);
      if (answer?.__typename === 'LetterGenerated')
        setDone(t('letters.drafted', { name: answer.document.name }));
      return undefined;
    });

  const send = (documentId: string, name: string) =>
    act(async () => {
      const result = await sendLetter({ documentId });
      const failure = apiFailure(result.error);
      if (failure) return generalFailureMessage(failure, common);
      setDone(t('letters.sent', { name }));
      return undefined;
    });

  const mark = (documentId: string, name: string) =>
    act(async () => {
      setConfirming(undefined);
      const result = await markConsent({ documentId });
      const failure = apiFailure(result.error);
      if (failure?.code === 'BAD_USER_INPUT') return t('consent.refused', { name });
      if (failure?.code === 'CONFLICT') return t('consent.already', { name });
      if (failure) return generalFailureMessage(failure, common);
      setDone(t('consent.marked', { name }));
      return undefined;
    });

  // A further extension waits for the client's written consent: an upload that reached the case
  // while it waits, clean and not yet marked, can be that consent (the server checks the same).
  const awaited = (kase.consentsAwaited ?? [])[0];
  const canBeConsent = (document: StaffCase['documents'][number]) => {
    if (kase.readOnly || !awaited || document.kind !== 'upload' || document.consentToExtension)
      return false;
    if (document.scanStatus !== 'clean' && document.scanStatus !== 'not-scanned') return false;
    const arrived = amsterdamToday(new Date(document.createdAt));
    return arrived >= awaited.since && arrived <= awaited.until;
  };

  return (
    <section aria-labelledby="staff-documents" className="card">
      <h2 id="staff-documents">{t('documents.title')}</h2>
      {problem ? <AlertMessage>{problem}</AlertMessage> : null}
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      {kase.documents.length === 0 ? <p className="muted">{t('documents.none')}</p> : null}
      {kase.documents.length > 0 ? (
        <div className="table-wrap">
          <table className="log">
            <caption className="visually-hidden">{t('documents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.name')}</th>
                <th scope="col">{t('documents.kind')}</th>
                <th scope="col">{t('documents.readers')}</th>
                <th scope="col">{t('documents.date')}</th>
              </tr>
            </thead>
            <tbody>
              {kase.documents.map((document) => (
                <tr key={document.id}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setProblem(undefined);
                        downloadDocument({
                          organisation: active.slug,
                          path: document.downloadPath,
                          name: document.name,
                        }).catch(() => setProblem(t('documents.failed', { name: document.name })));
                      }}
                    >
                      {t('documents.download', { name: document.name })}
                    </button>{' '}
                    <span className="muted">{format.size(document.size)}</span>
                  </td>
                  <td>
                    {document.kind === 'letter'
                      ? document.sentAt
                        ? t('letters.sentOn', { date: format.dateTime(document.sentAt) })
                        : t('letters.draft')
                      : document.consentToExtension && document.consentGivenOn
                        ? t('consent.is', { date: format.date(document.consentGivenOn) })
                        : t('documents.upload')}
                  </td>
                  <td>{t(`documents.visibility.${visibilityKey(document.visibility)}`)}</td>
                  <td>
                    {format.dateTime(document.createdAt)}
                    {!kase.readOnly && document.kind === 'letter' && !document.sentAt ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button small"
                          disabled={busy}
                          onClick={() => void send(document.id, document.name)}
                        >
                          {t('letters.send', { name: document.name })}
                        </button>
                      </>
                    ) : null}
                    {awaited && canBeConsent(document) ? (
                      confirming === document.id ? (
                        <div
                          className="confirm-consent"
                          role="group"
                          aria-label={t('consent.confirmTitle')}
                        >
                          <p>
                            {t('consent.confirm', {
                              name: document.name,
                              clock: format.label(awaited.clockLabel),
                            })}
                          </p>
                          <button
                            type="button"
                            className="button small"
                            disabled={busy}
                            onClick={() => void mark(document.id, document.name)}
                          >
                            {t('consent.yes')}
                          </button>{' '}
                          <button
                            type="button"
                            className="button quiet"
                            onClick={() => setConfirming(undefined)}
                          >
                            {t('consent.cancel')}
                          </button>
                        </div>
                      ) : (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="button small"
                            disabled={busy}
                            aria-label={t('consent.markNamed', { name: document.name })}
                            onClick={() => {
                              setProblem(undefined);
                              setDone(undefined);
                              setConfirming(document.id);
                            }}
                          >
                            {t('consent.mark')}
                          </button>
                        </>
                      )
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!kase.readOnly && (!kase.closed || kase.parts.some((part) => part.outcome)) ? (
        <form
          className="inline-form letter-form"
          onSubmit={(event) => {
            event.preventDefault();
            void draft();
          }}
        >
          <label htmlFor={`letter-kind-${kase.id}`}>{t('letters.kind')}</label>{' '}
          <select
            id={`letter-kind-${kase.id}`}
            value={kind}
            onChange={(event) => setKind(event.target.value as (typeof LETTER_KINDS)[number])}
          >
            {LETTER_KINDS.map((letter) => (
              <option key={letter} value={letter}>
                {t(`letters.kinds.${letter}`)}
              </option>
            ))}
          </select>{' '}
          {kind === 'EXTENSION' && subjects.length > 0 ? (
            <>
              <label htmlFor={`letter-to-${kase.id}`}>{t('letters.to')}</label>{' '}
              <select
                id={`letter-to-${kase.id}`}
                value={addressee}
                onChange={(event) => setAddressee(event.target.value)}
              >
                <option value="client">
                  {t('letters.toClient', {
                    name: kase.clientId ? people.name(kase.clientId) : t('header.unknown'),
                  })}
                </option>
                {subjects.map((id) => (
                  <option key={id} value={id}>
                    {t('letters.toSubject', { name: people.name(id) })}
                  </option>
                ))}
              </select>{' '}
            </>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            {t('letters.generate')}
          </button>
          <p className="hint">{t('letters.hint')}</p>
        </form>
      ) : null}
    </section>
  );
}

function visibilityKey(visibility: string): (typeof VISIBILITIES)[number] {
  return (VISIBILITIES as readonly string[]).includes(visibility)
    ? (visibility as (typeof VISIBILITIES)[number])
    : 'internal';
}

const REFUSALS = ['NO_OUTCOME', 'NO_EXTENSION', 'NO_DECISION', 'NO_APPEAL_ROUTE'] as const;
function refusal(code: string): (typeof REFUSALS)[number] | 'other' {
  return (REFUSALS as readonly string[]).includes(code)
    ? (code as (typeof REFUSALS)[number])
    : 'other';
}
