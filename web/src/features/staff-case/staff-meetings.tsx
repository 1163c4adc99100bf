import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { ChoiceField, TextAreaField, TextField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { SignMinutesForm } from '../case/case-meetings';
import type { People } from './people';
import {
  RecordAttendanceMutation,
  RecordMinutesMutation,
  ScheduleMeetingMutation,
  type StaffCase,
  type StaffMeeting,
} from './staff-case.graphql';

const MAX_MINUTES = 50_000;
const MAX_LOCATION = 500;

interface Changed {
  onChanged(): void;
}

/**
 * Meetings and hearings of the case: plan one with the people of the case (by name), record who
 * came once it was held, then the minutes everyone present signs.
 */
export function StaffMeetings({
  kase,
  people,
  onChanged,
}: { kase: StaffCase; people: People } & Changed) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  return (
    <section aria-labelledby="staff-meetings" className="card">
      <h2 id="staff-meetings">{t('meetings.title')}</h2>
      {kase.meetings.length === 0 ? <p className="muted">{t('meetings.none')}</p> : null}
      <ul className="meetings">
        {kase.meetings.map((meeting) => (
          <li key={meeting.id} className="meeting">
            <h3>
              {t(meeting.kind === 'HEARING' ? 'meetings.hearing' : 'meetings.meeting')},{' '}
              {format.dateTime(meeting.startsAt)}
            </h3>
            <dl className="facts">
              <dt>{t('meetings.where')}</dt>
              <dd className="user-text">{meeting.location ?? t('meetings.noLocation')}</dd>
              <dt>{t('meetings.invited')}</dt>
              <dd>{meeting.participantIds.map((id) => people.name(id)).join(', ')}</dd>
              <dt>{t('meetings.present')}</dt>
              <dd>
                {meeting.presentIds
                  ? meeting.presentIds.map((id) => people.name(id)).join(', ') ||
                    t('meetings.nobody')
                  : t('meetings.notRecorded')}
              </dd>
            </dl>
            <MeetingMinutes
              meeting={meeting}
              people={people}
              readOnly={kase.readOnly}
              onChanged={onChanged}
            />
            {!kase.readOnly && !meeting.presentIds && Date.parse(meeting.startsAt) <= Date.now() ? (
              <AttendanceForm meeting={meeting} people={people} onChanged={onChanged} />
            ) : null}
            {!kase.readOnly &&
            meeting.presentIds &&
            !meeting.minutes?.final &&
            (meeting.minutes?.signatures.length ?? 0) === 0 ? (
              <MinutesForm meeting={meeting} onChanged={onChanged} />
            ) : null}
          </li>
        ))}
      </ul>
      {!kase.closed && !kase.readOnly ? (
        <PlanMeetingForm kase={kase} people={people} onChanged={onChanged} />
      ) : null}
    </section>
  );
}

function MeetingMinutes({
  meeting,
  people,
  readOnly,
  onChanged,
}: { meeting: StaffMeeting; people: People; readOnly: boolean } & Changed) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  const { me } = useSession();
  const minutes = meeting.minutes;
  if (!minutes) return null;
  return (
    <div className="minutes">
      <h4>{t('minutes.title')}</h4>
      <p className="user-text minutes-text">{minutes.text}</p>
      <p className="muted">
        {minutes.final
          ? t('minutes.final', { date: minutes.finalAt ? format.dateTime(minutes.finalAt) : '' })
          : t('minutes.awaiting', {
              names: minutes.awaitingSignatureIds.map((id) => people.name(id)).join(', '),
            })}
      </p>
      {minutes.signatures.length > 0 ? (
        <ul>
          {minutes.signatures.map((signature) => (
            <li key={signature.signerId}>
              {t('minutes.signed', {
                name: people.name(signature.signerId),
                date: format.dateTime(signature.signedAt),
              })}
              {signature.dissent ? (
                <>
                  {' '}
                  {t('minutes.dissent')} <span className="user-text">{signature.dissent}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* A member of staff who was present signs too, as the client does in the portal. */}
      {!readOnly && minutes.awaitingSignatureIds.includes(me.id) ? (
        <SignMinutesForm minutesId={minutes.id} onSigned={onChanged} />
      ) : null}
    </div>
  );
}

/** The instant a `datetime-local` value means in the browser's own time zone. */
function instantOf(local: string): string | undefined {
  const parsed = new Date(local);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

export function PlanMeetingForm({
  kase,
  people,
  onChanged,
}: { kase: StaffCase; people: People } & Changed) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const [, schedule] = useMutation(ScheduleMeetingMutation);
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const defaults = people.candidates
    .filter((person) => person.relation === 'client' || person.relation === 'handler')
    .map((person) => person.userId);
  const { register, handleSubmit, reset, formState } = useForm<{
    kind: 'MEETING' | 'HEARING';
    startsAt: string;
    location: string;
    participantIds: string[];
  }>({
    defaultValues: { kind: 'MEETING', startsAt: '', location: '', participantIds: defaults },
    shouldFocusError: false,
  });
  const id = (field: string) => `plan-${field}-${kase.id}`;
  const errors = formState.errors;

  const send = handleSubmit(
    async (values) => {
      setGeneral(undefined);
      const result = await schedule({
        input: {
          caseId: kase.id,
          kind: values.kind,
          startsAt: instantOf(values.startsAt)!,
          location: values.location.trim() || null,
          participantIds: values.participantIds,
        },
      });
      const failure = apiFailure(result.error);
      if (failure) {
        setGeneral(generalFailureMessage(failure, common));
        setAttempt((n) => n + 1);
        return;
      }
      reset({ kind: 'MEETING', startsAt: '', location: '', participantIds: defaults });
      setDone(true);
      onChanged();
    },
    () => setAttempt((n) => n + 1),
  );

  const problems = (
    [
      ['startsAt', errors.startsAt?.message],
      ['location', errors.location?.message],
      ['participants', errors.participantIds?.message],
    ] as const
  ).flatMap(([field, message]) => (message ? [{ fieldId: id(field), message }] : []));

  return (
    <form noValidate onSubmit={(event) => void send(event)} className="plan-meeting">
      <h3>{t('meetings.plan')}</h3>
      <ErrorSummary problems={problems} attempt={attempt} general={general} />
      {done ? (
        <p className="status" role="status">
          {t('meetings.planned')}
        </p>
      ) : null}
      <ChoiceField
        id={id('kind')}
        label={t('meetings.kind')}
        options={[
          { value: 'MEETING', label: t('meetings.meeting') },
          { value: 'HEARING', label: t('meetings.hearing') },
        ]}
        inputProps={() => register('kind', { onChange: () => setDone(false) })}
      />
      <TextField
        id={id('startsAt')}
        type="datetime-local"
        label={t('meetings.startsAt')}
        error={errors.startsAt?.message}
        {...register('startsAt', {
          validate: (value) => (instantOf(value) ? true : t('meetings.startsAtMissing')),
        })}
      />
      <TextField
        id={id('location')}
        label={t('meetings.location')}
        hint={t('meetings.locationHint')}
        error={errors.location?.message}
        {...register('location', {
          validate: (value) =>
            value.length > MAX_LOCATION
              ? t('meetings.locationTooLong', { count: MAX_LOCATION })
              : true,
        })}
      />
      <ChoiceField
        id={id('participants')}
        type="checkbox"
        label={t('meetings.participants')}
        error={errors.participantIds?.message}
        options={people.candidates.map((person) => ({
          value: person.userId,
          label: `${person.displayName} (${t(`relation.${person.relation}`)})`,
        }))}
        inputProps={() =>
          register('participantIds', {
            validate: (value) =>
              Array.isArray(value) && value.length > 0 ? true : t('meetings.participantsMissing'),
          })
        }
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {t('meetings.schedule')}
      </button>
    </form>
  );
}

function AttendanceForm({
  meeting,
  people,
  onChanged,
}: { meeting: StaffMeeting; people: People } & Changed) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const [, record] = useMutation(RecordAttendanceMutation);
  const [general, setGeneral] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const { register, handleSubmit, formState } = useForm<{ presentIds: string[] }>({
    defaultValues: { presentIds: [] },
  });
  const send = handleSubmit(async ({ presentIds }) => {
    setGeneral(undefined);
    const result = await record({
      input: { meetingId: meeting.id, presentIds: Array.isArray(presentIds) ? presentIds : [] },
    });
    const failure = apiFailure(result.error);
    const answer = result.data?.recordAttendance;
    if (failure) setGeneral(generalFailureMessage(failure, common));
    else if (answer?.__typename === 'MeetingRefused') setGeneral(t(`refused.${answer.code}`));
    else return onChanged();
    setAttempt((n) => n + 1);
  });
  return (
    <form noValidate onSubmit={(event) => void send(event)} className="attendance">
      <ErrorSummary problems={[]} attempt={attempt} general={general} />
      <ChoiceField
        id={`present-${meeting.id}`}
        type="checkbox"
        label={t('meetings.whoCame')}
        options={meeting.participantIds.map((id) => ({ value: id, label: people.name(id) }))}
        inputProps={() => register('presentIds')}
      />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {t('meetings.recordAttendance')}
      </button>
    </form>
  );
}

function MinutesForm({ meeting, onChanged }: { meeting: StaffMeeting } & Changed) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const [, record] = useMutation(RecordMinutesMutation);
  const [general, setGeneral] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const fieldId = `minutes-${meeting.id}`;
  const { register, handleSubmit, formState } = useForm<{ text: string }>({
    defaultValues: { text: meeting.minutes?.text ?? '' },
    shouldFocusError: false,
  });
  const error = formState.errors.text?.message;
  const send = handleSubmit(
    async ({ text }) => {
      setGeneral(undefined);
      const result = await record({ input: { meetingId: meeting.id, text: text.trim() } });
      const failure = apiFailure(result.error);
      const answer = result.data?.recordMinutes;
      if (failure) setGeneral(generalFailureMessage(failure, common));
      else if (answer?.__typename === 'MeetingRefused') setGeneral(t(`refused.${answer.code}`));
      else return onChanged();
      setAttempt((n) => n + 1);
    },
    () => setAttempt((n) => n + 1),
  );
  return (
    <form noValidate onSubmit={(event) => void send(event)} className="minutes-form">
      <ErrorSummary
        problems={error ? [{ fieldId, message: error }] : []}
        attempt={attempt}
        general={general}
      />
      <TextAreaField
        id={fieldId}
        label={meeting.minutes ? t('minutes.revise') : t('minutes.write')}
        hint={t('minutes.hint')}
        error={error}
        {...register('text', {
          validate: (value) =>
            value.trim() === ''
              ? t('minutes.empty')
              : value.length > MAX_MINUTES
                ? t('minutes.tooLong', { count: MAX_MINUTES })
                : true,
        })}
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {t('minutes.save')}
      </button>
    </form>
  );
}
