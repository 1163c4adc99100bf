import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { ChoiceField, TextAreaField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { StatusMessage } from '../../shared/page/alert-message';
import type { People } from './people';
import { PostNoteMutation, type StaffCase } from './staff-case.graphql';

const MAX_MESSAGE = 10_000;
type Message = StaffCase['messages'][number];
type Audience = 'INTERNAL' | 'SHARED' | `SUBJECT:${string}`;

/**
 * Internal notes and what the client side reads, kept visibly apart: two lists under their own
 * headings, and a form that makes the writer say who will read it before anything is posted.
 */
export function StaffMessages({
  kase,
  people,
  onPosted,
}: {
  kase: StaffCase;
  people: People;
  onPosted(): void;
}) {
  const { t } = useTranslation('staffCase');
  const internal = kase.messages.filter((message) => message.visibility === 'INTERNAL');
  const shared = kase.messages.filter((message) => message.visibility === 'SHARED');
  const toSubjects = kase.messages.filter((message) => message.visibility === 'SUBJECT');
  return (
    <section aria-labelledby="staff-messages" className="card">
      <h2 id="staff-messages">{t('messages.title')}</h2>
      <div className="message-columns">
        <div className="message-column internal">
          <h3>{t('messages.internal')}</h3>
          <p className="muted">{t('messages.internalLead')}</p>
          <MessageList messages={internal} people={people} empty={t('messages.noneInternal')} />
        </div>
        <div className="message-column shared">
          <h3>{t('messages.shared')}</h3>
          <p className="muted">{t('messages.sharedLead')}</p>
          <MessageList messages={shared} people={people} empty={t('messages.noneShared')} />
          {toSubjects.length > 0 ? (
            <>
              <h3>{t('messages.subject')}</h3>
              <MessageList messages={toSubjects} people={people} empty="" />
            </>
          ) : null}
        </div>
      </div>
      {!kase.closed && !kase.readOnly ? (
        <PostForm kase={kase} people={people} onPosted={onPosted} />
      ) : null}
    </section>
  );
}

function MessageList({
  messages,
  people,
  empty,
}: {
  messages: readonly Message[];
  people: People;
  empty: string;
}) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  if (messages.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="messages">
      {messages.map((message) => (
        <li key={message.id} className={`message ${message.visibility.toLowerCase()}`}>
          <p className="message-meta">
            <strong>{people.name(message.authorId)}</strong>
            {message.onBehalfOfId
              ? ` ${t('messages.onBehalfOf', { name: people.name(message.onBehalfOfId) })}`
              : null}
            {message.addresseeId
              ? ` ${t('messages.to', { name: people.name(message.addresseeId) })}`
              : null}{' '}
            <span className="muted">{format.dateTime(message.postedAt)}</span>
          </p>
          <p className="user-text">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}

function PostForm({
  kase,
  people,
  onPosted,
}: {
  kase: StaffCase;
  people: People;
  onPosted(): void;
}) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const [, post] = useMutation(PostNoteMutation);
  const [sent, setSent] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const { register, handleSubmit, reset, formState } = useForm<{
    body: string;
    audience: Audience | '';
  }>({ defaultValues: { body: '', audience: '' }, shouldFocusError: false });
  const bodyId = `staff-message-${kase.id}`;
  const audienceId = `staff-audience-${kase.id}`;
  const errors = formState.errors;
  const audiences: { value: Audience; label: string }[] = [
    { value: 'INTERNAL', label: t('messages.asInternal') },
    { value: 'SHARED', label: t('messages.asShared') },
    ...(kase.subjectIds ?? []).map((id) => ({
      value: `SUBJECT:${id}` as Audience,
      label: t('messages.asSubject', { name: people.name(id) }),
    })),
  ];

  const send = handleSubmit(
    async ({ body, audience }) => {
      setGeneral(undefined);
      const [visibility, addresseeId] = audience.split(':') as [
        'INTERNAL' | 'SHARED' | 'SUBJECT',
        string | undefined,
      ];
      const result = await post({
        input: {
          caseId: kase.id,
          body: body.trim(),
          visibility,
          ...(addresseeId ? { addresseeId } : {}),
        },
      });
      const failure = apiFailure(result.error);
      if (failure) {
        setGeneral(generalFailureMessage(failure, common));
        setAttempt((n) => n + 1);
        return;
      }
      reset({ body: '', audience: '' });
      setSent(visibility === 'INTERNAL' ? t('messages.sentInternal') : t('messages.sentShared'));
      onPosted();
    },
    () => setAttempt((n) => n + 1),
  );

  return (
    <form noValidate onSubmit={(event) => void send(event)} className="staff-post">
      <h3>{t('messages.write')}</h3>
      <ErrorSummary
        problems={[
          ...(errors.audience?.message
            ? [{ fieldId: audienceId, message: errors.audience.message }]
            : []),
          ...(errors.body?.message ? [{ fieldId: bodyId, message: errors.body.message }] : []),
        ]}
        attempt={attempt}
        general={general}
      />
      {sent ? <StatusMessage>{sent}</StatusMessage> : null}
      <ChoiceField
        id={audienceId}
        label={t('messages.audience')}
        error={errors.audience?.message}
        options={audiences}
        inputProps={() =>
          register('audience', {
            validate: (value) => (value === '' ? t('messages.chooseAudience') : true),
            onChange: () => setSent(undefined),
          })
        }
      />
      <TextAreaField
        id={bodyId}
        label={t('messages.body')}
        error={errors.body?.message}
        {...register('body', {
          validate: (value) =>
            value.trim() === ''
              ? t('messages.empty')
              : value.length > MAX_MESSAGE
                ? t('messages.tooLong', { count: MAX_MESSAGE })
                : true,
          onChange: () => setSent(undefined),
        })}
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {t('messages.post')}
      </button>
    </form>
  );
}
