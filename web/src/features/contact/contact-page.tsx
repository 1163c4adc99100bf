import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary, type FieldProblem } from '../../shared/forms/error-summary';
import { ChoiceField, TextField } from '../../shared/forms/fields';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { MyContactQuery, SetContactMutation, type SafeContact } from './contact.graphql';

/** The server's limit on a code word (SetContactPreferencesInput.codeWord). */
const MAX_CODE_WORD = 40;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

interface ContactForm {
  channel: 'PORTAL' | 'EMAIL';
  email: string;
  quietFrom: string;
  quietTo: string;
  codeWord: string;
}

type FieldName = keyof ContactForm;
const FIELD_IDS: Record<FieldName, string> = {
  channel: 'contact-channel',
  email: 'contact-email',
  quietFrom: 'contact-quiet-from',
  quietTo: 'contact-quiet-to',
  codeWord: 'contact-code-word',
};

function formValues(contact: SafeContact): ContactForm {
  return {
    channel: contact.channel,
    email: contact.email ?? '',
    quietFrom: contact.quietFrom ?? '',
    quietTo: contact.quietTo ?? '',
    codeWord: contact.codeWord ?? '',
  };
}

/**
 * "Hoe wij u bereiken": whether Klachtpad may e-mail the person at all, at which address they
 * confirmed as safe, the hours without any contact, and the code word every message carries.
 * For someone in a shelter the safe answer is the default: the portal only.
 */
export function ContactPage() {
  const { t } = useTranslation('contact');
  const { t: common } = useTranslation();
  const [{ data, error }] = useQuery({ query: MyContactQuery, variables: {} });
  const [formFailed, setFormFailed] = useState(false);
  const failure = apiFailure(error);
  usePageTitle(t('title'), formFailed || Boolean(failure));
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return <Loading />;
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <ContactStatus contact={data.myContactPreferences} />
      <ContactPreferencesForm contact={data.myContactPreferences} onFailed={setFormFailed} />
    </>
  );
}

function ContactStatus({ contact }: { contact: SafeContact }) {
  const { t } = useTranslation('contact');
  if (contact.channel === 'PORTAL') return <p>{t('status.portal')}</p>;
  if (!contact.emailConfirmed)
    return (
      <StatusMessage>{t('status.awaitingConfirmation', { email: contact.email })}</StatusMessage>
    );
  return <p>{t('status.email', { email: contact.email })}</p>;
}

function ContactPreferencesForm({
  contact,
  onFailed,
}: {
  contact: SafeContact;
  /** Whether the form shows problems now (the page title says so first). */
  onFailed(failed: boolean): void;
}) {
  const { t } = useTranslation('contact');
  const { t: common } = useTranslation();
  const { roles } = useSession();
  const [, save] = useMutation(SetContactMutation);
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const { register, handleSubmit, formState, watch, setError, reset } = useForm<ContactForm>({
    defaultValues: formValues(contact),
    shouldFocusError: false,
  });
  const channel = watch('channel');
  const quietFrom = watch('quietFrom');
  const errors = formState.errors;
  const problems: FieldProblem[] = (Object.keys(FIELD_IDS) as FieldName[]).flatMap((name) => {
    const message = errors[name]?.message;
    return message ? [{ fieldId: FIELD_IDS[name], message }] : [];
  });

  const failed = problems.length > 0 || Boolean(general);
  useEffect(() => onFailed(failed), [failed, onFailed]);

  const send = handleSubmit(
    async (values) => {
      setGeneral(undefined);
      setSaved(undefined);
      const result = await save({
        input: {
          channel: values.channel,
          email: values.channel === 'EMAIL' ? values.email.trim() : null,
          quietFrom: values.quietFrom || null,
          quietTo: values.quietTo || null,
          codeWord: values.codeWord.trim() || null,
        },
      });
      const failure = apiFailure(result.error);
      const answer = result.data?.setContactPreferences;
      if (failure || !answer) {
        // The server says which field it refused; everything else is one calm sentence.
        const field = failure?.field as FieldName | undefined;
        if (failure?.code === 'BAD_USER_INPUT' && field && field in FIELD_IDS)
          setError(field, { message: t(`errors.${field}`) });
        else setGeneral(generalFailureMessage(failure ?? { code: 'NETWORK_ERROR' }, common));
        setAttempt((n) => n + 1);
        return;
      }
      reset(formValues(answer));
      setSaved(
        answer.channel === 'EMAIL' && !answer.emailConfirmed
          ? t('saved.confirmSent', { email: answer.email })
          : t('saved.done'),
      );
    },
    () => setAttempt((n) => n + 1),
  );

  return (
    <form noValidate onSubmit={(event) => void send(event)} className="card">
      <ErrorSummary problems={problems} attempt={attempt} general={general} />
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      <ChoiceField
        id={FIELD_IDS.channel}
        label={t('channel.label')}
        options={[
          { value: 'PORTAL', label: t('channel.portal'), hint: t('channel.portalHint') },
          { value: 'EMAIL', label: t('channel.email'), hint: t('channel.emailHint') },
        ]}
        inputProps={() => register('channel')}
      />
      {channel === 'EMAIL' ? (
        <TextField
          id={FIELD_IDS.email}
          label={t('email.label')}
          hint={roles.includes('client') ? t('email.hintClient') : t('email.hint')}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          error={errors.email?.message}
          {...register('email', {
            validate: (value) =>
              channel !== 'EMAIL' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
                ? true
                : t('errors.email'),
          })}
        />
      ) : null}
      <fieldset className="field">
        <legend>{t('quiet.label')}</legend>
        <p className="field-hint">{t('quiet.hint')}</p>
        <TextField
          id={FIELD_IDS.quietFrom}
          label={t('quiet.from')}
          type="time"
          error={errors.quietFrom?.message}
          {...register('quietFrom', {
            validate: (value) => (value === '' || TIME.test(value) ? true : t('errors.quietFrom')),
          })}
        />
        <TextField
          id={FIELD_IDS.quietTo}
          label={t('quiet.to')}
          type="time"
          error={errors.quietTo?.message}
          {...register('quietTo', {
            validate: (value) =>
              (value === '') === (quietFrom === '') && (value === '' || TIME.test(value))
                ? true
                : t('errors.quietTo'),
          })}
        />
      </fieldset>
      <TextField
        id={FIELD_IDS.codeWord}
        label={t('codeWord.label')}
        hint={t('codeWord.hint')}
        autoComplete="off"
        spellCheck={false}
        error={errors.codeWord?.message}
        {...register('codeWord', {
          validate: (value) =>
            value.trim().length <= MAX_CODE_WORD
              ? true
              : t('errors.codeWordTooLong', { count: MAX_CODE_WORD }),
        })}
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('saving') : t('save')}
      </button>
    </form>
  );
}
