import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { TextAreaField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { StatusMessage } from '../../shared/page/alert-message';
import { PostMessageMutation, type CaseDetail } from './case.graphql';

const MAX_MESSAGE = 10_000;

type Message = CaseDetail['messages'][number];

/** What another page says instead of the portal's words (the commission's requests). */
export interface MessageTexts {
  title: string;
  none: string;
  write: string;
  writeHint: string;
  send: string;
  /** Who wrote a message that is not the viewer's own. */
  author(message: Message): string;
}

/** The messages shared between the client side and the organisation, and a way to write one. */
export function CaseMessages({ kase, texts }: { kase: CaseDetail; texts?: MessageTexts }) {
  const { t } = useTranslation('case');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const [, post] = useMutation(PostMessageMutation);
  const [sent, setSent] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const { register, handleSubmit, reset, formState } = useForm<{ body: string }>({
    defaultValues: { body: '' },
    shouldFocusError: false,
  });
  const documents = new Map(kase.documents.map((document) => [document.id, document.name]));
  const error = formState.errors.body?.message;

  const send = handleSubmit(
    async ({ body }) => {
      setGeneral(undefined);
      const result = await post({
        input: { caseId: kase.id, body: body.trim(), visibility: 'SHARED' },
      });
      const failure = apiFailure(result.error);
      if (failure) {
        setGeneral(generalFailureMessage(failure, common));
        setAttempt((n) => n + 1);
        return;
      }
      reset({ body: '' });
      setSent(true);
    },
    () => setAttempt((n) => n + 1),
  );

  return (
    <section aria-labelledby="case-messages" className="card">
      <h2 id="case-messages">{texts?.title ?? t('messages.title')}</h2>
      {kase.messages.length === 0 ? (
        <p className="muted">{texts?.none ?? t('messages.none')}</p>
      ) : null}
      <ol className="messages">
        {kase.messages.map((message) => (
          <li key={message.id} className={message.authorId === me.id ? 'message own' : 'message'}>
            <p className="message-meta">
              <strong>
                {message.authorId === me.id
                  ? t('messages.you')
                  : texts
                    ? texts.author(message)
                    : message.onBehalfOfId
                      ? t('messages.confidant')
                      : t('messages.organisation')}
              </strong>{' '}
              <span className="muted">{format.dateTime(message.postedAt)}</span>
            </p>
            <p className="user-text">{message.body}</p>
            {message.documentIds.length > 0 ? (
              <p className="muted">
                {t('messages.attached', {
                  names: message.documentIds.map((id) => documents.get(id) ?? '…').join(', '),
                })}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {!kase.closed ? (
        <form noValidate onSubmit={(event) => void send(event)}>
          <ErrorSummary
            problems={error ? [{ fieldId: `message-${kase.id}`, message: error }] : []}
            attempt={attempt}
            general={general}
          />
          {sent ? <StatusMessage>{t('messages.sent')}</StatusMessage> : null}
          <TextAreaField
            id={`message-${kase.id}`}
            label={texts?.write ?? t('messages.write')}
            hint={texts?.writeHint ?? t('messages.writeHint')}
            error={error}
            {...register('body', {
              validate: (value) =>
                value.trim() === ''
                  ? t('messages.empty')
                  : value.length > MAX_MESSAGE
                    ? t('form.maxLength', {
                        ns: 'common',
                        label: texts?.write ?? t('messages.write'),
                        count: MAX_MESSAGE,
                      })
                    : true,
              onChange: () => setSent(false),
            })}
          />
          <button type="submit" className="button primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('messages.sending') : (texts?.send ?? t('messages.send'))}
          </button>
        </form>
      ) : null}
    </section>
  );
}
