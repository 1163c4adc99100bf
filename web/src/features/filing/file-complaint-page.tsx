import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { uploadDocument } from '../../shared/documents/document-transfer';
import { FilePicker, UploadProgress, useUploadRules } from '../../shared/documents/file-picker';
import { ErrorSummary, type FieldProblem } from '../../shared/forms/error-summary';
import { ChoiceField, SelectField, TextAreaField, TextField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { asDefinition, type ProcedureDefinition } from '../../shared/procedure/definition';
import { ProcedureQuery } from '../../shared/procedure/procedure.graphql';
import { amsterdamToday } from '../case/today';
import {
  FileComplaintMutation,
  FilingAuthorisationsQuery,
  FirstMessageMutation,
} from './filing.graphql';
import {
  emptyIntake,
  filingInput,
  filingFlags,
  filingWindow,
  intakeSteps,
  outsideWindow,
  STAFF_CHANNELS,
  stepOfField,
  type Filer,
  type IntakeValues,
  type StepId,
} from './intake-steps';
import { IntakeReview } from './intake-review';
import { FilingConfirmation, type Filed } from './filing-confirmation';
import { filingContext, useFilingText, type FilingContext } from './filing-text';

const MAX_PART = 5_000;
const MAX_NOTE = 2_000;

/** "Klacht indienen": loads the procedure, then asks its questions one at a time. */
export function FileComplaintPage() {
  const { t } = useTranslation('filing');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { roles } = useSession();
  const [{ data, error }] = useQuery({
    query: ProcedureQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const forSomeoneElse = !roles.includes('client') && roles.includes('confidant');
  const filer: Filer = forSomeoneElse ? 'confidant' : 'client';
  const [authorisations] = useQuery({ query: FilingAuthorisationsQuery, pause: !forSomeoneElse });
  usePageTitle(t('title'));
  const failure = apiFailure(error ?? authorisations.error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data || (forSomeoneElse && !authorisations.data)) return <Loading />;
  const definition = asDefinition(data.procedure.definition);
  if (!definition) return <AlertMessage>{t('unavailable')}</AlertMessage>;
  const clients = (authorisations.data?.myConfidantAuthorisations ?? []).filter(
    (authorisation) => authorisation.live && authorisation.scopes.includes('submit'),
  );
  if (forSomeoneElse && clients.length === 0) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <p className="lead">{t('noAuthorisation')}</p>
      </>
    );
  }
  return (
    <IntakeForm
      definition={definition}
      filer={filer}
      clients={clients.map((client) => ({ id: client.clientId, name: client.clientName ?? '' }))}
    />
  );
}

/** A person to choose in the form: a client to file for, an employee it is about. */
export interface Person {
  id: string;
  name: string;
}

interface IntakeFormProps {
  definition: ProcedureDefinition;
  filer: Filer;
  clients: readonly Person[];
  /** Staff only: the employees a complaint can be about, to name them as its subjects. */
  employees?: readonly Person[];
  /** Staff only: the client chosen before the form opened (from "Cliënt inschrijven"). */
  clientId?: string;
}

/**
 * The guided form generated from the procedure's intake. Each step is its own address
 * (`?stap=…`), so the browser's back and forward buttons move between questions; the answers
 * live only in this page, never in storage.
 */
export function IntakeForm({
  definition,
  filer,
  clients,
  employees = [],
  clientId,
}: IntakeFormProps) {
  const context = filingContext(filer);
  const t = useFilingText(context);
  const { t: common } = useTranslation();
  const format = useFormat();
  const { active } = useSession();
  const rules = useUploadRules();
  const [params, setParams] = useSearchParams();
  const steps = intakeSteps(definition, filer);
  const requested = params.get('stap') as StepId | null;
  const form = useForm<IntakeValues>({
    defaultValues: emptyIntake(
      definition,
      filer === 'staff'
        ? {
            ...(clients.some((client) => client.id === clientId) ? { clientId } : {}),
            receivedOn: amsterdamToday(),
          }
        : {},
    ),
    shouldFocusError: false,
  });
  const { register, control, trigger, getValues, formState, setError, watch } = form;
  const parts = useFieldArray({ control, name: 'parts' });
  const [files, setFiles] = useState<File[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const [filed, setFiled] = useState<Filed | undefined>();
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [, fileComplaint] = useMutation(FileComplaintMutation);
  const [, postMessage] = useMutation(FirstMessageMutation);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const today = amsterdamToday();
  const values = watch();
  const complainant = values.complainant;
  const window = filingWindow(definition, complainant);
  const circumstances = filingFlags(definition, 'circumstance');
  const wishes = filingFlags(definition, 'wish');

  // A later step opened directly (a bookmark, a reload) starts from the first question.
  const reached = useRef(new Set<StepId>([steps[0]!]));
  const step: StepId = filed
    ? 'check'
    : requested && steps.includes(requested) && reached.current.has(requested)
      ? requested
      : steps[0]!;
  const index = steps.indexOf(step);

  const stepFields: Record<StepId, FieldPath<IntakeValues>[]> = {
    client: ['clientId'],
    channel: ['channel', 'receivedOn'],
    complainant: ['complainant'],
    entry: ['entry'],
    category: ['category'],
    parts: parts.fields.map((_, i) => `parts.${i}.summary` as const),
    date: ['eventDate', 'lastContactDate'],
    about: ['aboutWhom', 'flags', 'subjectIds'],
    wish: ['wishes', 'wish'],
    attachments: [],
    check: [],
  };

  const question = t(`steps.${step}.question`);
  const problems: FieldProblem[] = stepFields[step].flatMap((name) => {
    const message = form.getFieldState(name, formState).error?.message;
    return message ? [{ fieldId: fieldId(name), message }] : [];
  });
  usePageTitle(
    filed ? t('confirmation.title') : t('stepTitle', { question }),
    problems.length > 0 || Boolean(general),
  );

  useEffect(() => {
    headingRef.current?.focus();
  }, [step, filed]);

  function goTo(next: StepId) {
    reached.current.add(next);
    setGeneral(undefined);
    setParams({ stap: next });
  }

  async function next() {
    const valid = await trigger(stepFields[step]);
    if (!valid) {
      setAttempt((n) => n + 1);
      return;
    }
    const following = steps[index + 1];
    if (following) goTo(following);
  }

  async function send() {
    setSending(true);
    setGeneral(undefined);
    const answers = getValues();
    const result = await fileComplaint({
      input: filingInput(answers),
      language: format.language === 'en' ? 'EN' : 'NL',
    });
    const failure = apiFailure(result.error);
    const answer = result.data?.fileComplaint;
    if (failure || answer?.__typename !== 'CaseChanged') {
      setSending(false);
      setAttempt((n) => n + 1);
      const placed = (failure?.fields ?? []).filter((field) => stepOfField(field.path));
      if (placed.length > 0) {
        // Back to the first question the API refused, its answer kept and the problem beside it.
        goTo(stepOfField(placed[0]!.path)!);
        for (const field of placed) {
          setError(field.path as FieldPath<IntakeValues>, {
            type: 'server',
            message: field.message,
          });
        }
        setGeneral(t('check.fix'));
      } else if (answer?.__typename === 'ActionRefused') {
        setGeneral(answer.reasons.map((reason) => format.label(reason.message)).join(' '));
      } else {
        setGeneral(generalFailureMessage(failure ?? { code: 'NETWORK_ERROR' }, common));
      }
      return;
    }
    const kase = answer.case;
    // Attachments and the words about the person and the wish belong to the new case.
    const uploaded: string[] = [];
    const failedUploads: string[] = [];
    for (const file of files) {
      try {
        const document = await uploadDocument({
          organisation: active.slug,
          caseId: kase.id,
          file,
          onProgress: (fraction) => setProgress((p) => ({ ...p, [file.name]: fraction })),
        });
        uploaded.push(document.id);
      } catch {
        failedUploads.push(file.name);
      }
    }
    const note = [
      answers.aboutWhom.trim() ? `${t('message.aboutWhom')} ${answers.aboutWhom.trim()}` : '',
      answers.wish.trim() ? `${t('message.wish')} ${answers.wish.trim()}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    let noteFailed = false;
    if (note || uploaded.length > 0) {
      const posted = await postMessage({
        input: {
          caseId: kase.id,
          body: note || t('message.attachments'),
          visibility: 'SHARED',
          ...(uploaded.length > 0 ? { documentIds: uploaded } : {}),
        },
      });
      noteFailed = Boolean(posted.error);
    }
    setSending(false);
    setFiled({ ...kase, failedUploads, noteFailed });
    setParams({ stap: 'check' }, { replace: true });
  }

  if (filed) return <FilingConfirmation filed={filed} filer={filer} headingRef={headingRef} />;

  const stepBody = (() => {
    switch (step) {
      case 'client':
        return filer === 'staff' ? (
          <SelectField
            id={fieldId('clientId')}
            label={question}
            hint={t('steps.client.hint_staff')}
            placeholder={t('steps.client.choose')}
            error={form.getFieldState('clientId', formState).error?.message}
            options={clients.map((client) => ({ value: client.id, label: client.name }))}
            {...register('clientId', { required: t('steps.client.required') })}
          />
        ) : (
          <ChoiceField
            id={fieldId('clientId')}
            label={question}
            error={form.getFieldState('clientId', formState).error?.message}
            options={clients.map((client) => ({ value: client.id, label: client.name }))}
            inputProps={() => register('clientId', { required: t('steps.client.required') })}
          />
        );
      case 'channel':
        return (
          <>
            <ChoiceField
              id={fieldId('channel')}
              label={question}
              error={form.getFieldState('channel', formState).error?.message}
              options={STAFF_CHANNELS.map((channel) => ({
                value: channel,
                label: t(`steps.channel.${channel}`),
              }))}
              inputProps={() => register('channel', { required: t('steps.channel.required') })}
            />
            <TextField
              id={fieldId('receivedOn')}
              type="date"
              max={today}
              label={t('steps.channel.receivedOn')}
              hint={t('steps.channel.receivedOnHint')}
              error={form.getFieldState('receivedOn', formState).error?.message}
              {...register('receivedOn', {
                validate: (value) =>
                  !value
                    ? t('steps.channel.receivedOnRequired')
                    : value > today
                      ? t('steps.date.future')
                      : true,
              })}
            />
          </>
        );
      case 'complainant':
        return (
          <ChoiceField
            id={fieldId('complainant')}
            label={question}
            hint={t('steps.complainant.hint')}
            error={form.getFieldState('complainant', formState).error?.message}
            options={definition.eligibility.complainants.map((c) => ({
              value: c.id,
              label: format.label(c.label),
            }))}
            inputProps={() =>
              register('complainant', { required: t('steps.complainant.required') })
            }
          />
        );
      case 'entry':
        return (
          <ChoiceField
            id={fieldId('entry')}
            label={question}
            error={form.getFieldState('entry', formState).error?.message}
            options={definition.filing.entries.map((entry) => ({
              value: entry.id,
              label: format.label(entry.label),
            }))}
            inputProps={() => register('entry', { required: t('steps.entry.required') })}
          />
        );
      case 'category':
        return (
          <ChoiceField
            id={fieldId('category')}
            label={question}
            error={form.getFieldState('category', formState).error?.message}
            options={definition.filing.categories.map((category) => ({
              value: category.id,
              label: format.label(category.label),
            }))}
            inputProps={() => register('category', { required: t('steps.category.required') })}
          />
        );
      case 'parts':
        return (
          <fieldset className="field-group">
            <legend className="step-question">{question}</legend>
            <p className="field-hint">{t('steps.parts.hint')}</p>
            {parts.fields.map((part, i) => (
              <div key={part.id} className="part-field">
                <TextAreaField
                  id={fieldId(`parts.${i}.summary`)}
                  label={t('steps.parts.label', { number: i + 1 })}
                  error={form.getFieldState(`parts.${i}.summary`, formState).error?.message}
                  {...register(`parts.${i}.summary`, {
                    validate: (value) =>
                      value.trim() === ''
                        ? t('steps.parts.required')
                        : value.length > MAX_PART
                          ? common('form.maxLength', {
                              label: t('steps.parts.label', { number: i + 1 }),
                              count: MAX_PART,
                            })
                          : true,
                  })}
                />
                {parts.fields.length > 1 ? (
                  <button type="button" className="button small" onClick={() => parts.remove(i)}>
                    {t('steps.parts.remove', { number: i + 1 })}
                  </button>
                ) : null}
              </div>
            ))}
            {parts.fields.length < definition.filing.maxParts ? (
              <button
                type="button"
                className="button"
                onClick={() => parts.append({ summary: '' })}
              >
                {t('steps.parts.add')}
              </button>
            ) : null}
          </fieldset>
        );
      case 'date': {
        const from = window?.from ?? 'event';
        const name = from === 'event' ? 'eventDate' : 'lastContactDate';
        return (
          <>
            <WindowExplanation
              definition={definition}
              complainant={complainant}
              context={context}
            />
            <TextField
              id={fieldId(name)}
              type="date"
              max={today}
              label={t(from === 'event' ? 'steps.date.event' : 'steps.date.lastContact')}
              hint={t('steps.date.hint')}
              error={form.getFieldState(name, formState).error?.message}
              {...register(name, {
                validate: (value) =>
                  !value
                    ? window
                      ? t('steps.date.required')
                      : true
                    : value > today
                      ? t('steps.date.future')
                      : true,
              })}
            />
            {outsideWindow(definition, values, today) ? (
              <div className="status" role="status">
                <p>{t('window.outside')}</p>
              </div>
            ) : null}
          </>
        );
      }
      case 'about':
        return (
          <fieldset className="field-group">
            <legend className="step-question">{question}</legend>
            {circumstances.length > 0 ? (
              <ChoiceField
                id={fieldId('flags')}
                type="checkbox"
                label={t('steps.about.flags')}
                options={circumstances.map((flag) => ({
                  value: flag.id,
                  label: format.label(flag.label),
                }))}
                inputProps={() => register('flags')}
              />
            ) : null}
            {employees.length > 0 ? (
              <ChoiceField
                id={fieldId('subjectIds')}
                type="checkbox"
                label={t('steps.about.employees')}
                hint={t('steps.about.employeesHint')}
                error={form.getFieldState('subjectIds', formState).error?.message}
                options={employees.map((employee) => ({
                  value: employee.id,
                  label: employee.name,
                }))}
                inputProps={() => register('subjectIds')}
              />
            ) : null}
            <TextAreaField
              id={fieldId('aboutWhom')}
              label={t('steps.about.label')}
              hint={t('steps.about.hint')}
              rows={3}
              error={form.getFieldState('aboutWhom', formState).error?.message}
              {...register('aboutWhom', {
                validate: (value) =>
                  value.length > MAX_NOTE ? t('tooLong', { count: MAX_NOTE }) : true,
              })}
            />
          </fieldset>
        );
      case 'wish':
        return (
          <>
            {wishes.length > 0 ? (
              <ChoiceField
                id={fieldId('wishes')}
                type="checkbox"
                label={t('steps.wish.flags')}
                options={wishes.map((flag) => ({
                  value: flag.id,
                  label: format.label(flag.label),
                }))}
                inputProps={() => register('wishes')}
              />
            ) : null}
            <TextAreaField
              id={fieldId('wish')}
              label={question}
              hint={t('steps.wish.hint')}
              rows={4}
              error={form.getFieldState('wish', formState).error?.message}
              {...register('wish', {
                validate: (value) =>
                  value.length > MAX_NOTE ? t('tooLong', { count: MAX_NOTE }) : true,
              })}
            />
          </>
        );
      case 'attachments':
        return (
          <>
            {rules ? (
              <FilePicker
                id={fieldId('attachments')}
                label={question}
                rules={rules}
                onChoose={(chosen) => setFiles((list) => [...list, ...chosen])}
              />
            ) : (
              <Loading />
            )}
            <p className="field-hint">{t('steps.attachments.hint')}</p>
            {files.length > 0 ? (
              <ul className="chosen-files">
                {files.map((file, i) => (
                  <li key={`${file.name}-${i}`}>
                    {file.name} <span className="muted">({format.size(file.size)})</span>{' '}
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setFiles((list) => list.filter((_, j) => j !== i))}
                    >
                      {t('steps.attachments.remove', { name: file.name })}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        );
      case 'check':
        return (
          <IntakeReview
            definition={definition}
            values={values}
            files={files}
            clients={clients}
            employees={employees}
            context={context}
            steps={steps}
            onChange={goTo}
            outside={outsideWindow(definition, values, today)}
          />
        );
    }
  })();

  return (
    <div className="intake">
      <p className="breadcrumb">
        <Link to={filer === 'staff' ? '/werkbak' : '/klachten'}>{t('cancel')}</Link>
      </p>
      <PageHeading>{t('title')}</PageHeading>
      <p className="step-count">{t('stepCount', { current: index + 1, total: steps.length })}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (step === 'check') void send();
          else void next();
        }}
      >
        <h2 ref={headingRef} tabIndex={-1} className="step-heading">
          {step === 'check' ? t('check.title') : question}
        </h2>
        <ErrorSummary problems={problems} attempt={attempt} general={general} />
        {stepBody}
        {sending
          ? files.map((file) => (
              <UploadProgress
                key={file.name}
                name={file.name}
                fraction={progress[file.name] ?? 0}
              />
            ))
          : null}
        <div className="button-row">
          {index > 0 ? (
            <button
              type="button"
              className="button"
              onClick={() => goTo(steps[index - 1]!)}
              disabled={sending}
            >
              {t('previous')}
            </button>
          ) : null}
          <button type="submit" className="button primary" disabled={sending}>
            {step === 'check' ? (sending ? t('check.sending') : t('check.send')) : t('next')}
          </button>
        </div>
        {sending ? <StatusMessage>{t('check.sendingStatus')}</StatusMessage> : null}
      </form>
    </div>
  );
}

/** Field ids the error summary links to. */
export function fieldId(name: string): string {
  return `intake-${name.replace(/\./g, '-')}`;
}

/** The filing window in words, before the person gives the date. */
function WindowExplanation({
  definition,
  complainant,
  context,
}: {
  definition: ProcedureDefinition;
  complainant: string;
  context: FilingContext;
}) {
  const t = useFilingText(context);
  const window = filingWindow(definition, complainant);
  if (!window) return <p className="lead">{t('window.none')}</p>;
  return (
    <div className="status" role="note">
      <p>
        {t(window.from === 'event' ? 'window.fromEvent' : 'window.fromLastContact', {
          amount: window.duration.amount,
          // ICU select keys are plain words.
          unit: window.duration.unit.replace('-', ''),
        })}
      </p>
      <p>{t('window.late')}</p>
    </div>
  );
}
