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
import { SignMinutesMutation, type CaseDetail } from './case.graphql';

type Meeting = CaseDetail['meetings'][number];
type MinutesOf = NonNullable<Meeting['minutes']>;

/** Meetings and hearings the viewer takes part in, with their minutes to read and sign. */
export function CaseMeetings({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  if (kase.meetings.length === 0) return null;
  return (
    <section aria-labelledby="case-meetings" className="card">
      <h2 id="case-meetings">{t('meetings.title')}</h2>
      <ul className="meetings">
        {kase.meetings.map((meeting) => (
          <li key={meeting.id} className="meeting">
            <h3>{t(meeting.kind === 'HEARING' ? 'meetings.hearing' : 'meetings.meeting')}</h3>
            <dl className="facts">
              <dt>{t('meetings.when')}</dt>
              <dd>{format.dateTime(meeting.startsAt)}</dd>
              <dt>{t('meetings.where')}</dt>
              <dd className="user-text">{meeting.location ?? t('meetings.placeFollows')}</dd>
            </dl>
            {meeting.minutes ? <MinutesView minutes={meeting.minutes} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MinutesView({ minutes }: { minutes: MinutesOf }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const { me } = useSession();
  const mine = minutes.signatures.find((signature) => signature.signerId === me.id);
  const awaitingMe = minutes.awaitingSignatureIds.includes(me.id);
  return (
    <div className="minutes">
      <h4>{t('minutes.title')}</h4>
      <p className="user-text minutes-text">{minutes.text}</p>
      <p className="muted">
        {minutes.final
          ? t('minutes.final')
          : t('minutes.awaiting', { count: minutes.awaitingSignatureIds.length })}
      </p>
      {mine ? (
        <p>
          {t('minutes.signedByYou', { date: format.dateTime(mine.signedAt) })}
          {mine.dissent ? (
            <>
              {' '}
              {t('minutes.yourDissent')} <span className="user-text">{mine.dissent}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {awaitingMe ? <SignMinutesForm minutesId={minutes.id} /> : null}
    </div>
  );
}

const MAX_DISSENT = 5_000;

/**
 * Signing the minutes as one of the people present, with an optional note of disagreement: the
 * same form for a client in the portal and for staff in the workbench, since the signature is
 * theirs alike (ADR 0083).
 */
export function SignMinutesForm({
  minutesId,
  onSigned,
}: {
  minutesId: string;
  onSigned?: () => void;
}) {
  const { t } = useTranslation('case');
  const { t: common } = useTranslation();
  const [, sign] = useMutation(SignMinutesMutation);
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState } = useForm<{ dissent: string }>({
    defaultValues: { dissent: '' },
    shouldFocusError: false,
  });
  const fieldId = `dissent-${minutesId}`;
  const error = formState.errors.dissent?.message;

  const send = handleSubmit(
    async ({ dissent }) => {
      setGeneral(undefined);
      const result = await sign({ minutesId, dissent: dissent.trim() || null });
      const failure = apiFailure(result.error);
      const answer = result.data?.signMinutes;
      if (failure) setGeneral(generalFailureMessage(failure, common));
      else if (answer?.__typename === 'MeetingRefused')
        setGeneral(t(`minutes.refused.${answer.code}`));
      else {
        setDone(true);
        onSigned?.();
        return;
      }
      setAttempt((n) => n + 1);
    },
    () => setAttempt((n) => n + 1),
  );

  if (done) return <StatusMessage>{t('minutes.thanks')}</StatusMessage>;
  return (
    <form noValidate onSubmit={(event) => void send(event)} className="sign-minutes">
      <ErrorSummary
        problems={error ? [{ fieldId, message: error }] : []}
        attempt={attempt}
        general={general}
      />
      <p>{t('minutes.signLead')}</p>
      <TextAreaField
        id={fieldId}
        label={t('minutes.dissent')}
        hint={t('minutes.dissentHint')}
        error={error}
        rows={4}
        {...register('dissent', {
          validate: (value) =>
            value.length > MAX_DISSENT ? t('minutes.dissentTooLong', { count: MAX_DISSENT }) : true,
        })}
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('minutes.signing') : t('minutes.sign')}
      </button>
    </form>
  );
}
