import {
  DURATION_UNITS,
  toMermaid,
  type Finding,
  type ProcedureDefinition,
} from '@klachtpad/procedures/authoring';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage, type ApiFailure } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { NotFoundPage } from '../home/not-found-page';
import {
  amountFromInput,
  fieldIdOf,
  pathOf,
  placeFindings,
  placeOf,
  setAt,
  stagesOf,
  termsOf,
  valueAt,
  type Draft,
  type Place,
} from './editor-draft';
import { FindingList, FindingText } from './finding-list';
import { canEditProcedure } from './procedure-access';
import { ProcedureDiagram } from './procedure-diagram';
import { regimeKey } from './procedure-page';
import {
  ProcedureDraftQuery,
  PublishProcedureMutation,
  type ProcedureDraftSource,
} from './procedure.graphql';
import { useValidation } from './use-validation';
import './procedure.css';

const JSON_FIELD = 'procedure-json';

/**
 * `/procedure/bewerken`: a director changes the procedure and publishes it as a new version. The
 * terms and the stages' names are a form; everything else is the JSON below it, one draft behind
 * both (ADR 0089). The engine's validator runs as they type, and its findings stand at the field
 * they concern; the server checks again on publishing, and its refusal is shown with its reasons.
 */
export function ProcedureEditorPage() {
  const { roles } = useSession();
  return canEditProcedure(roles) ? <EditorLoader /> : <NotFoundPage />;
}

function EditorLoader() {
  const { t } = useTranslation('procedure');
  const { t: common } = useTranslation();
  usePageTitle(t('editor.title'));
  const [{ data, fetching, error }] = useQuery({ query: ProcedureDraftQuery });
  const failure = apiFailure(error);
  const procedure = data?.procedure;
  return (
    <>
      <PageHeading>{t('editor.title')}</PageHeading>
      {failure ? (
        <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>
      ) : !procedure ? (
        fetching ? (
          <Loading />
        ) : null
      ) : (
        <ProcedureEditor procedure={procedure} />
      )}
    </>
  );
}

type Outcome =
  | { kind: 'published'; version: number }
  | { kind: 'rejected'; findings: Finding[] }
  | { kind: 'failed'; failure: ApiFailure }
  | { kind: 'json-first' };

function asDraft(definition: unknown): Draft {
  return typeof definition === 'object' && definition !== null && !Array.isArray(definition)
    ? structuredClone(definition as Draft)
    : {};
}

function asFindings(findings: readonly Finding[] | readonly { code: string }[]): Finding[] {
  return findings as Finding[];
}

export function ProcedureEditor({ procedure }: { procedure: ProcedureDraftSource }) {
  const { t } = useTranslation('procedure');
  const { t: common } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<Draft>(() => asDraft(procedure.definition));
  const [jsonText, setJsonText] = useState(() => JSON.stringify(draft, null, 2));
  const [jsonError, setJsonError] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [{ fetching: publishing }, publish] = useMutation(PublishProcedureMutation);
  const nextVersion = procedure.version + 1;
  const result = useValidation(draft, nextVersion);
  const regime = t(`regimes.${regimeKey(String(draft.regime ?? procedure.regime))}`);

  const change = (next: Draft) => {
    setDraft(next);
    setOutcome(undefined);
  };
  const update = (keys: readonly (string | number)[], value: unknown) => {
    const next = setAt(draft, keys, value);
    change(next);
    setJsonText(JSON.stringify(next, null, 2));
  };
  const editJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(t('editor.json'));
      }
      setJsonError(undefined);
      change(parsed as Draft);
    } catch (problem) {
      setJsonError(problem instanceof Error ? problem.message : String(problem));
    }
  };

  const terms = termsOf(draft);
  const stages = stagesOf(draft);
  const places: Place[] = [
    ...terms.flatMap(({ index }) => [
      { path: pathOf(['clocks', index]), fieldId: fieldIdOf(['clocks', index, 'duration']) },
      {
        path: pathOf(['clocks', index, 'duration']),
        fieldId: fieldIdOf(['clocks', index, 'duration']),
      },
      {
        path: pathOf(['clocks', index, 'extension']),
        fieldId: fieldIdOf(['clocks', index, 'extension']),
      },
    ]),
    ...stages.map(({ track, stage }) => ({
      path: pathOf(['tracks', track, 'stages', stage]),
      fieldId: fieldIdOf(['tracks', track, 'stages', stage, 'label', 'nl']),
    })),
  ];
  const findings = result?.findings ?? [];
  const placed = placeFindings(findings, places);
  const at = (keys: readonly (string | number)[]) => placed.at.get(pathOf(keys)) ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;

  const diagram = useMemo(
    () =>
      result?.procedure
        ? toMermaid(
            { ...result.procedure, version: nextVersion } as ProcedureDefinition,
            format.language,
          )
        : undefined,
    [result, nextVersion, format.language],
  );

  const submit = async () => {
    if (jsonError) {
      setOutcome({ kind: 'json-first' });
      return;
    }
    const answer = await publish({ definition: draft });
    const failure = apiFailure(answer.error);
    const published = answer.data?.publishProcedure;
    if (failure || !published) {
      setOutcome({ kind: 'failed', failure: failure ?? { code: 'INTERNAL_SERVER_ERROR' } });
    } else if (published.__typename === 'ProcedureRejected') {
      setOutcome({ kind: 'rejected', findings: asFindings(published.findings) });
    } else {
      setOutcome({ kind: 'published', version: published.procedure.version });
    }
  };

  const fieldOf = (path: string) => placeOf(path, places)?.fieldId ?? JSON_FIELD;

  return (
    <div className="procedure-editor">
      <p className="lead">{t('editor.lead', { version: String(procedure.version), regime })}</p>
      <div className="editor-check" role="status">
        {!result
          ? t('editor.checking')
          : findings.length === 0
            ? t('editor.clean')
            : t('editor.problems', { errors, warnings })}
      </div>
      <div className="editor-columns">
        <form className="editor-form" onSubmit={(event) => event.preventDefault()} noValidate>
          <fieldset disabled={Boolean(jsonError)} className="editor-section">
            <legend>
              <h2>{t('editor.terms')}</h2>
            </legend>
            <p className="field-hint">
              {jsonError ? t('editor.jsonFirst') : t('editor.termsHint')}
            </p>
            {terms.map((term) => (
              <fieldset key={`${term.index}:${term.id}`} className="editor-group">
                <legend>{term.label ? format.label(term.label) : term.id}</legend>
                <Duration
                  keys={['clocks', term.index, 'duration']}
                  legend={t('editor.term')}
                  draft={draft}
                  update={update}
                  findings={[
                    ...at(['clocks', term.index, 'duration']),
                    ...at(['clocks', term.index]),
                  ]}
                />
                {term.extendable ? (
                  <Duration
                    keys={['clocks', term.index, 'extension', 'max']}
                    idKeys={['clocks', term.index, 'extension']}
                    legend={t('editor.extension')}
                    draft={draft}
                    update={update}
                    findings={at(['clocks', term.index, 'extension'])}
                  />
                ) : null}
              </fieldset>
            ))}
          </fieldset>
          <fieldset disabled={Boolean(jsonError)} className="editor-section">
            <legend>
              <h2>{t('editor.stages')}</h2>
            </legend>
            <p className="field-hint">{t('editor.stagesHint')}</p>
            {stages.map((stage) => {
              const keys = ['tracks', stage.track, 'stages', stage.stage] as const;
              const findingsId = `${fieldIdOf(keys)}-findings`;
              const here = at(keys);
              return (
                <fieldset key={`${stage.track}:${stage.stage}`} className="editor-group">
                  <legend>
                    {stage.trackLabel ? `${format.label(stage.trackLabel)} — ` : ''}
                    {stage.id}
                  </legend>
                  {(['nl', 'en'] as const).map((language) => {
                    const id = fieldIdOf([...keys, 'label', language]);
                    const value = valueAt(draft, [...keys, 'label', language]);
                    return (
                      <div key={language} className={`field${here.length ? ' field-invalid' : ''}`}>
                        <label htmlFor={id}>
                          {t(language === 'nl' ? 'editor.stageName' : 'editor.stageNameEn')}
                        </label>
                        <input
                          id={id}
                          type="text"
                          value={typeof value === 'string' ? value : ''}
                          aria-invalid={here.some((f) => f.severity === 'error') || undefined}
                          aria-describedby={here.length ? findingsId : undefined}
                          onChange={(event) =>
                            update([...keys, 'label', language], event.target.value)
                          }
                        />
                      </div>
                    );
                  })}
                  <FindingList id={findingsId} findings={here} />
                </fieldset>
              );
            })}
          </fieldset>
          <section className="editor-section" aria-labelledby="procedure-json-heading">
            <h2 id="procedure-json-heading">{t('editor.json')}</h2>
            <p className="field-hint" id={`${JSON_FIELD}-hint`}>
              {t('editor.jsonHint')}
            </p>
            {placed.elsewhere.length > 0 ? (
              <>
                <h3>{t('editor.elsewhere')}</h3>
                <FindingList id={`${JSON_FIELD}-findings`} findings={placed.elsewhere} showPath />
              </>
            ) : null}
            <div className={`field${jsonError ? ' field-invalid' : ''}`}>
              <label htmlFor={JSON_FIELD}>{t('editor.jsonLabel')}</label>
              {jsonError ? (
                <p id={`${JSON_FIELD}-error`} className="field-error">
                  {t('editor.jsonInvalid', { reason: jsonError })}
                </p>
              ) : null}
              <textarea
                id={JSON_FIELD}
                className="procedure-json"
                rows={16}
                spellCheck={false}
                value={jsonText}
                aria-invalid={jsonError ? true : undefined}
                aria-describedby={
                  [
                    `${JSON_FIELD}-hint`,
                    jsonError ? `${JSON_FIELD}-error` : '',
                    placed.elsewhere.length ? `${JSON_FIELD}-findings` : '',
                  ]
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                onChange={(event) => editJson(event.target.value)}
              />
            </div>
          </section>
        </form>
        <section className="editor-preview" aria-labelledby="procedure-preview-heading">
          <h2 id="procedure-preview-heading">{t('editor.preview')}</h2>
          {diagram ? (
            <ProcedureDiagram source={diagram} />
          ) : (
            <p className="field-hint">{t('editor.previewUnavailable')}</p>
          )}
        </section>
      </div>
      <div className="editor-publish">
        <OutcomeMessage
          outcome={outcome}
          regime={regime}
          fieldOf={fieldOf}
          general={(failure) => generalFailureMessage(failure, common)}
        />
        <button type="button" className="button primary" disabled={publishing} onClick={submit}>
          {publishing
            ? t('editor.publishing')
            : t('editor.publish', { version: String(nextVersion) })}
        </button>
      </div>
    </div>
  );
}

/** An amount and a unit, with the findings about them. */
function Duration({
  keys,
  idKeys = keys,
  legend,
  draft,
  update,
  findings,
}: {
  keys: readonly (string | number)[];
  /** The keys the anchor id is made from, where findings elsewhere link to. */
  idKeys?: readonly (string | number)[];
  legend: string;
  draft: Draft;
  update: (keys: readonly (string | number)[], value: unknown) => void;
  findings: readonly Finding[];
}) {
  const { t } = useTranslation('procedure');
  const amountId = fieldIdOf(idKeys);
  const unitId = `${amountId}-unit`;
  const findingsId = `${amountId}-findings`;
  const amount = valueAt(draft, [...keys, 'amount']);
  const unit = valueAt(draft, [...keys, 'unit']);
  const invalid = findings.some((f) => f.severity === 'error') || undefined;
  const describedBy = findings.length ? findingsId : undefined;
  return (
    <fieldset className={`duration-field${invalid ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <div className="duration-controls">
        <div className="field">
          <label htmlFor={amountId}>{t('editor.amount')}</label>
          <input
            id={amountId}
            type="text"
            inputMode="numeric"
            size={4}
            value={typeof amount === 'number' || typeof amount === 'string' ? String(amount) : ''}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => update([...keys, 'amount'], amountFromInput(event.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor={unitId}>{t('editor.unit')}</label>
          <select
            id={unitId}
            value={typeof unit === 'string' ? unit : ''}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => update([...keys, 'unit'], event.target.value)}
          >
            {DURATION_UNITS.map((option) => (
              <option key={option} value={option}>
                {t(`editor.units.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FindingList id={findingsId} findings={findings} />
    </fieldset>
  );
}

function OutcomeMessage({
  outcome,
  regime,
  fieldOf,
  general,
}: {
  outcome: Outcome | undefined;
  regime: string;
  fieldOf: (path: string) => string;
  general: (failure: ApiFailure) => string;
}): ReactNode {
  const { t } = useTranslation('procedure');
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'published':
      return (
        <StatusMessage>
          {t('editor.published', { version: String(outcome.version) })}{' '}
          <Link to="/procedure">{t('editor.toProcedure')}</Link>
        </StatusMessage>
      );
    case 'json-first':
      return <AlertMessage>{t('editor.jsonFirst')}</AlertMessage>;
    case 'failed':
      return <AlertMessage>{general(outcome.failure)}</AlertMessage>;
    case 'rejected': {
      const byRegime = outcome.findings.some((f) => f.code.startsWith('regime-'));
      return (
        <AlertMessage>
          <h2>{t('editor.rejected')}</h2>
          <p>{byRegime ? t('editor.rejectedRegime', { regime }) : t('editor.rejectedOther')}</p>
          <ul>
            {outcome.findings.map((finding, index) => (
              <li key={`${finding.code}:${finding.path}:${index}`}>
                <a
                  href={`#${fieldOf(finding.path)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(fieldOf(finding.path))?.focus();
                  }}
                >
                  <FindingText finding={finding} />
                </a>
              </li>
            ))}
          </ul>
        </AlertMessage>
      );
    }
  }
}
