import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import type { ResultOf } from '../../shared/graphql/graphql';
import { roleList, rolesFrom } from '../../shared/roles';
import { ErrorSummary, type FieldProblem } from '../../shared/forms/error-summary';
import { SelectField, TextField } from '../../shared/forms/fields';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { NotFoundPage } from '../home/not-found-page';
import {
  CreateUnitMutation,
  DeleteUnitMutation,
  OrganisationStructureQuery,
  SetStageRouteMutation,
} from './people.graphql';
import { canManageRouting } from './routing-access';

type Structure = ResultOf<typeof OrganisationStructureQuery>;
type Member = Structure['members'][number];
type Route = Structure['stageRoutes'][number];

const FIELD_IDS = { name: 'unit-name', managerId: 'unit-manager' };

/**
 * `/organisatie/teams` (ADR 0098): a director arranges the organisation's teams and locations with
 * their leidinggevende, and says per stage of the procedure who a complaint goes to: the manager of
 * the team of the employee it is about, else a default person. Anyone else gets the page that does
 * not exist, as the server refuses them.
 */
export function OrganisationStructurePage() {
  const { roles } = useSession();
  return canManageRouting(roles) ? <OrganisationStructure /> : <NotFoundPage />;
}

function OrganisationStructure() {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation();
  usePageTitle(t('structure.title'));
  // A first unit or rule has no typename in an empty answer yet: name them, so it refreshes.
  const context = useMemo(() => ({ additionalTypenames: ['Unit', 'StageRoute'] }), []);
  const [{ data, fetching, error }] = useQuery({ query: OrganisationStructureQuery, context });
  const [removed, setRemoved] = useState<string | undefined>();
  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (fetching || !data) return <Loading />;
  const nameOf = (id: string | null) =>
    data.members.find((member) => member.userId === id)?.displayName ?? t('structure.nobody');
  const managers = data.members.filter((member) => member.roles.includes('MANAGER'));

  return (
    <>
      <PageHeading>{t('structure.title')}</PageHeading>
      <p className="lead">{t('structure.lead')}</p>
      <h2>{t('structure.units')}</h2>
      {data.units.length === 0 ? (
        <p>{t('structure.noUnits')}</p>
      ) : (
        <table>
          <caption>{t('structure.unitsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('structure.unitName')}</th>
              <th scope="col">{t('structure.manager')}</th>
              <th scope="col">{t('structure.staff')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('structure.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.units.map((unit) => (
              <tr key={unit.id}>
                <th scope="row">{unit.name}</th>
                <td>{nameOf(unit.managerId)}</td>
                <td>{unit.memberIds.map((id) => nameOf(id)).join(', ') || '—'}</td>
                <td>
                  <DeleteUnit unit={unit} onDeleted={setRemoved} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removed ? <StatusMessage>{t('structure.removed', { name: removed })}</StatusMessage> : null}
      <NewUnitForm managers={managers} />
      <h2>{t('structure.routes')}</h2>
      <p>{t('structure.routesLead')}</p>
      <table>
        <caption>{t('structure.routesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('structure.stage')}</th>
            <th scope="col">{t('structure.responsible')}</th>
            <th scope="col">{t('structure.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {data.stageRoutes.map((route) => (
            <RouteRow key={`${route.track}:${route.stage}`} route={route} members={data.members} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Removing a team asks first, saying what happens to its people: they stay members of the
 * organisation, and cases already with its manager stay there (the server does exactly that).
 */
function DeleteUnit({
  unit,
  onDeleted,
}: {
  unit: Structure['units'][number];
  onDeleted(name: string): void;
}) {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [{ fetching }, remove] = useMutation(DeleteUnitMutation);

  async function confirm() {
    const result = await remove({ id: unit.id });
    const failure = apiFailure(result.error);
    if (failure) {
      setProblem(
        failure.code === 'NOT_FOUND'
          ? t('structure.removeGone', { name: unit.name })
          : generalFailureMessage(failure, common),
      );
      setAsking(false);
      return;
    }
    onDeleted(unit.name);
  }

  if (!asking)
    return (
      <>
        {problem ? <AlertMessage>{problem}</AlertMessage> : null}
        <button
          type="button"
          className="button small"
          aria-label={t('structure.removeNamed', { name: unit.name })}
          onClick={() => {
            setProblem(undefined);
            setAsking(true);
          }}
        >
          {t('structure.remove')}
        </button>
      </>
    );
  return (
    <div role="group" aria-label={t('structure.removeConfirmTitle', { name: unit.name })}>
      <p>{t('structure.removeConfirm', { name: unit.name, count: unit.memberIds.length })}</p>
      <button
        type="button"
        className="button small"
        disabled={fetching}
        onClick={() => void confirm()}
      >
        {t('structure.removeYes')}
      </button>{' '}
      <button type="button" className="button quiet" onClick={() => setAsking(false)}>
        {t('structure.removeCancel')}
      </button>
    </div>
  );
}

function NewUnitForm({ managers }: { managers: Member[] }) {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation();
  const [name, setName] = useState('');
  const [managerId, setManagerId] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [added, setAdded] = useState<string | undefined>();
  const [{ fetching }, create] = useMutation(CreateUnitMutation);
  const problemOf = (field: keyof typeof FIELD_IDS) =>
    problems.find((problem) => problem.fieldId === FIELD_IDS[field])?.message;
  const refuse = (found: FieldProblem[], message?: string) => {
    setProblems(found);
    setGeneral(message);
    setAdded(undefined);
    setAttempt((n) => n + 1);
  };

  async function submit() {
    if (!name.trim()) {
      refuse([{ fieldId: FIELD_IDS.name, message: t('structure.nameRequired') }]);
      return;
    }
    const result = await create({ input: { name, managerId: managerId || null } });
    const failure = apiFailure(result.error);
    if (failure) {
      const field = failure.field ?? failure.fields?.[0]?.path;
      if (failure.code === 'BAD_USER_INPUT' && field && field in FIELD_IDS) {
        refuse([
          {
            fieldId: FIELD_IDS[field as keyof typeof FIELD_IDS],
            message: result.error!.graphQLErrors[0]!.message,
          },
        ]);
      } else {
        refuse([], generalFailureMessage(failure, common));
      }
      return;
    }
    setProblems([]);
    setGeneral(undefined);
    setAdded(result.data!.createUnit.name);
    setName('');
    setManagerId('');
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{t('structure.addUnit')}</h3>
      <ErrorSummary problems={problems} attempt={attempt} general={general} />
      {added ? <StatusMessage>{t('structure.added', { name: added })}</StatusMessage> : null}
      <TextField
        id={FIELD_IDS.name}
        label={t('structure.unitName')}
        autoComplete="off"
        maxLength={200}
        value={name}
        error={problemOf('name')}
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        id={FIELD_IDS.managerId}
        label={t('structure.manager')}
        error={problemOf('managerId')}
        placeholder={t('structure.noManager')}
        options={managers.map((manager) => ({
          value: manager.userId,
          label: manager.displayName,
        }))}
        value={managerId}
        onChange={(event) => setManagerId(event.target.value)}
      />
      <button type="submit" className="button" disabled={fetching}>
        {t('structure.addUnitSubmit')}
      </button>
    </form>
  );
}

/** Who can take a stage: members with its role, and for a director's position, that or none. */
function candidatesFor(route: Route, members: Member[]): Member[] {
  return members.filter(
    (member) =>
      member.roles.includes(route.role) &&
      (route.role !== 'DIRECTOR' ||
        !route.position ||
        member.position === null ||
        member.position === route.position),
  );
}

function RouteRow({ route, members }: { route: Route; members: Member[] }) {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation();
  const [byUnit, setByUnit] = useState(route.byUnit);
  const [assignee, setAssignee] = useState(route.defaultAssigneeId ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [{ fetching }, save] = useMutation(SetStageRouteMutation);
  const isManagers = route.role === 'MANAGER';
  const selectId = `route-${route.track}-${route.stage}`;

  async function submit() {
    const result = await save({
      input: {
        stage: route.stage,
        byUnit: isManagers && byUnit,
        defaultAssigneeId: assignee || null,
      },
    });
    const failure = apiFailure(result.error);
    setMessage(
      failure
        ? {
            ok: false,
            text:
              failure.code === 'BAD_USER_INPUT'
                ? result.error!.graphQLErrors[0]!.message
                : generalFailureMessage(failure, common),
          }
        : { ok: true, text: t('structure.saved') },
    );
  }

  return (
    <tr>
      <th scope="row">{route.stage}</th>
      <td>
        {roleList(rolesFrom([route.role]), common)}
        {route.position
          ? ` (${route.position === 'BESTUUR' ? t('structure.bestuur') : t('structure.directie')})`
          : ''}
      </td>
      <td>
        {isManagers ? (
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={byUnit}
                onChange={(event) => setByUnit(event.target.checked)}
              />{' '}
              {t('structure.byUnit')}
            </label>
          </div>
        ) : null}
        <SelectField
          id={selectId}
          label={t('structure.default')}
          placeholder={t('structure.noDefault')}
          options={candidatesFor(route, members).map((member) => ({
            value: member.userId,
            label: member.displayName,
          }))}
          value={assignee}
          onChange={(event) => setAssignee(event.target.value)}
        />
        <button type="button" className="button" disabled={fetching} onClick={() => void submit()}>
          {t('structure.save')}
        </button>
        {message ? (
          message.ok ? (
            <StatusMessage>{message.text}</StatusMessage>
          ) : (
            <AlertMessage>{message.text}</AlertMessage>
          )
        ) : null}
      </td>
    </tr>
  );
}
