import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-context';
import { downloadDocument } from '../../shared/documents/document-transfer';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import type { CaseDocument } from './case.graphql';

/** Letters and documents of the complaint, each to download (never opened inside the page). */
export function CaseDocuments({ documents }: { documents: readonly CaseDocument[] }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const { active } = useSession();
  const [failed, setFailed] = useState<string | undefined>();
  const letters = documents.filter((document) => document.kind === 'letter');
  const others = documents.filter((document) => document.kind !== 'letter');

  const list = (items: readonly CaseDocument[]) => (
    <ul className="documents">
      {items.map((document) => (
        <li key={document.id}>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setFailed(undefined);
              downloadDocument({
                organisation: active.slug,
                path: document.downloadPath,
                name: document.name,
              }).catch(() => setFailed(document.name));
            }}
          >
            {t('documents.download', { name: document.name })}
          </button>{' '}
          <span className="muted">
            {t('documents.meta', {
              size: format.size(document.size),
              date: format.dateTime(document.sentAt ?? document.createdAt),
            })}
          </span>
        </li>
      ))}
    </ul>
  );

  return (
    <section aria-labelledby="case-documents" className="card">
      <h2 id="case-documents">{t('documents.title')}</h2>
      {failed ? <AlertMessage>{t('documents.failed', { name: failed })}</AlertMessage> : null}
      {documents.length === 0 ? <p className="muted">{t('documents.none')}</p> : null}
      {letters.length > 0 ? (
        <>
          <h3>{t('documents.letters')}</h3>
          {list(letters)}
        </>
      ) : null}
      {others.length > 0 ? (
        <>
          <h3>{t('documents.files')}</h3>
          {list(others)}
        </>
      ) : null}
    </section>
  );
}
