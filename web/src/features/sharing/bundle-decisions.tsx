import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ChoiceField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import type { ResultOf } from '../../shared/graphql/graphql';
import { DecideBundleItemsMutation, type CaseSharingQuery } from './sharing.graphql';

type SharedCase = NonNullable<ResultOf<typeof CaseSharingQuery>['case']>;

/**
 * What staff proposed to send to the commission: the client says yes or no per item. Nothing goes
 * to a commission without that.
 */
export function BundleDecisions({ kase }: { kase: SharedCase }) {
  const { t } = useTranslation('sharing');
  const { t: common } = useTranslation();
  const format = useFormat();
  const [, decide] = useMutation(DecideBundleItemsMutation);
  const [notice, setNotice] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const proposals = kase.bundleProposals ?? [];
  const open = proposals.filter((proposal) => proposal.status === 'proposed');
  const key = (p: { kind: string; itemId: string }) => `${p.kind}-${p.itemId}`;
  const { register, handleSubmit, formState } = useForm<Record<string, string>>({
    defaultValues: Object.fromEntries(open.map((p) => [key(p), ''])),
  });

  const describe = (proposal: { kind: string; itemId: string }) => {
    if (proposal.kind === 'message') {
      const message = kase.messages.find((m) => m.id === proposal.itemId);
      return message ? t('bundle.message', { text: message.body.slice(0, 140) }) : t('bundle.item');
    }
    if (proposal.kind === 'document') {
      const document = kase.documents.find((d) => d.id === proposal.itemId);
      return document ? t('bundle.document', { name: document.name }) : t('bundle.item');
    }
    const event = kase.timeline.find((e) => String(e.sequence) === proposal.itemId);
    return event
      ? t('bundle.event', { date: format.dateTime(event.occurredAt) })
      : t('bundle.item');
  };

  const send = handleSubmit(async (values) => {
    const decisions = open.flatMap((p) => {
      const answer = values[key(p)];
      return answer ? [{ kind: p.kind, id: p.itemId, approve: answer === 'yes' }] : [];
    });
    if (decisions.length === 0) {
      setFailed(t('bundle.chooseOne'));
      return;
    }
    const result = await decide({ caseId: kase.id, decisions });
    const problem = apiFailure(result.error);
    setFailed(problem ? generalFailureMessage(problem, common) : undefined);
    setNotice(problem ? undefined : t('bundle.saved'));
  });

  if (proposals.length === 0) return null;
  return (
    <section className="card" aria-labelledby="bundle">
      <h2 id="bundle">{t('bundle.title')}</h2>
      <p>{t('bundle.lead')}</p>
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
      {failed ? <AlertMessage>{failed}</AlertMessage> : null}
      <ul className="bundle-decided">
        {proposals
          .filter((p) => p.status !== 'proposed')
          .map((p) => (
            <li key={key(p)}>
              <span className="user-text">{describe(p)}</span>:{' '}
              {p.status === 'approved' ? t('bundle.approved') : t('bundle.declined')}
            </li>
          ))}
      </ul>
      {open.length > 0 ? (
        <form noValidate onSubmit={(event) => void send(event)}>
          {open.map((p) => (
            <ChoiceField
              key={key(p)}
              id={`bundle-${key(p)}`}
              label={<span className="user-text">{describe(p)}</span>}
              options={[
                { value: 'yes', label: t('bundle.yes') },
                { value: 'no', label: t('bundle.no') },
              ]}
              inputProps={() => register(key(p))}
            />
          ))}
          <button type="submit" className="button primary" disabled={formState.isSubmitting}>
            {t('bundle.send')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
