import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary, type FieldProblem } from '../../shared/forms/error-summary';
import { ChoiceField, TextField } from '../../shared/forms/fields';
import { StatusMessage } from '../../shared/page/alert-message';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { CreateClientAccountMutation } from './people.graphql';

const FIELD_IDS = { displayName: 'walk-in-name', email: 'walk-in-email', language: 'walk-in-nl' };

type Made = { userId: string; name: string; invitedTo: string | null };

/**
 * "Cliënt inschrijven" (ADR 0096): staff make an account for a client who came in person, with
 * an invitation to the portal when the client gives an address. The server validates the input;
 * the form only asks for the name first, so an empty form is answered without a round trip.
 */
export function WalkInClientPage() {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation();
  usePageTitle(t('walkIn.title'));
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'NL' | 'EN'>('NL');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [made, setMade] = useState<Made | undefined>();
  const [{ fetching }, create] = useMutation(CreateClientAccountMutation);
  const problemOf = (field: keyof typeof FIELD_IDS) =>
    problems.find((problem) => problem.fieldId === FIELD_IDS[field])?.message;

  const refuse = (found: FieldProblem[], message?: string) => {
    setProblems(found);
    setGeneral(message);
    setAttempt((n) => n + 1);
  };

  async function submit() {
    if (!displayName.trim()) {
      refuse([{ fieldId: FIELD_IDS.displayName, message: t('walkIn.nameRequired') }]);
      return;
    }
    const result = await create({
      input: { displayName, email: email.trim() || null, language },
    });
    const failure = apiFailure(result.error);
    if (failure) {
      const fields =
        failure.fields ?? (failure.field ? [{ path: failure.field, message: '' }] : []);
      const known = fields.filter((field) => field.path in FIELD_IDS);
      if (failure.code === 'BAD_USER_INPUT' && known.length > 0) {
        refuse(
          known.map((field) => ({
            fieldId: FIELD_IDS[field.path as keyof typeof FIELD_IDS],
            message: field.message || result.error!.graphQLErrors[0]!.message,
          })),
        );
      } else {
        refuse([], generalFailureMessage(failure, common));
      }
      return;
    }
    const account = result.data!.createClientAccount;
    setProblems([]);
    setGeneral(undefined);
    setMade({
      userId: account.member.userId,
      name: account.member.displayName,
      invitedTo: account.invitation?.email ?? null,
    });
  }

  if (made) {
    return (
      <>
        <PageHeading>{t('walkIn.title')}</PageHeading>
        <StatusMessage>
          {t('walkIn.created', { name: made.name })}{' '}
          {made.invitedTo ? t('walkIn.invited', { email: made.invitedTo }) : t('walkIn.notInvited')}
        </StatusMessage>
        <p className="button-row">
          <Link
            className="button primary"
            to={`/werkbak/klacht-registreren?client=${encodeURIComponent(made.userId)}`}
          >
            {t('walkIn.fileFor', { name: made.name })}
          </Link>
          <button
            type="button"
            className="button"
            onClick={() => {
              setMade(undefined);
              setDisplayName('');
              setEmail('');
            }}
          >
            {t('walkIn.another')}
          </button>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('walkIn.title')}</PageHeading>
      <p className="lead">{t('walkIn.lead')}</p>
      <ErrorSummary problems={problems} attempt={attempt} general={general} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          id={FIELD_IDS.displayName}
          label={t('walkIn.name')}
          autoComplete="off"
          maxLength={200}
          value={displayName}
          error={problemOf('displayName')}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          id={FIELD_IDS.email}
          type="email"
          label={t('walkIn.email')}
          hint={t('walkIn.emailHint')}
          autoComplete="off"
          maxLength={320}
          value={email}
          error={problemOf('email')}
          onChange={(event) => setEmail(event.target.value)}
        />
        <ChoiceField
          id={FIELD_IDS.language}
          label={t('walkIn.language')}
          error={problemOf('language')}
          options={[
            { value: 'NL', label: t('walkIn.languageNl') },
            { value: 'EN', label: t('walkIn.languageEn') },
          ]}
          inputProps={(option) => ({
            name: 'language',
            checked: language === option.value,
            onChange: () => setLanguage(option.value as 'NL' | 'EN'),
          })}
        />
        <button type="submit" className="button" disabled={fetching}>
          {t('walkIn.submit')}
        </button>
      </form>
    </>
  );
}
