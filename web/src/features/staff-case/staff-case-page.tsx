import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { isStaff } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { CaseActions } from '../case/case-actions';
import { CaseDeadlines } from '../case/case-deadlines';
import { CaseStatus } from '../complaints/case-status';
import { NotFoundPage } from '../home/not-found-page';
import { AssignHandlerForm } from '../inbox/assign-handler-form';
import { NameSubjectForm } from './name-subject-form';
import { Decisions } from './part-decisions';
import { peopleOf, type People } from './people';
import { asStaffCase, StaffCaseQuery, type StaffCase } from './staff-case.graphql';
import { StaffDocuments } from './staff-documents';
import { StaffMeasures } from './staff-measures';
import { StaffMeetings } from './staff-meetings';
import { StaffMessages } from './staff-messages';
import { StaffNotices } from './staff-notices';
import { StaffTimeline } from './staff-timeline';
import './staff.css';

/**
 * `/werkbak/:caseId`: one case as staff work on it. What the portal's case page shows, plus the
 * staff's own view (client and subjects by name, flags, internal notes apart from what the client
 * side reads, meetings to plan and minute, letters to draft and send, measures with proof), and
 * the actions the procedure opens now as generated forms.
 */
export function StaffCasePage() {
  const { roles } = useSession();
  // Only staff have this page; anyone else gets the same answer as for a case that is not there.
  return isStaff(roles) ? <StaffCaseLoaded /> : <NotFoundPage />;
}

function StaffCaseLoaded() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const format = useFormat();
  const [failedForm, setFailedForm] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: StaffCaseQuery,
    variables: { id: caseId, language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const kase = data?.case ? asStaffCase(data.case) : undefined;
  usePageTitle(kase ? t('title', { reference: kase.reference }) : t('titleLoading'), failedForm);
  const failure = apiFailure(error);
  if (failure?.code === 'NOT_FOUND' || (data && !kase)) {
    return <NotFoundPage message={t('notFound')} />;
  }
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!kase || !data) return fetching ? <Loading /> : null;
  const people = peopleOf(data.members, kase, t('people.former'));
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <article className="case-page staff-case">
      <p className="breadcrumb">
        <Link to="/werkbak">{t('back')}</Link>
      </p>
      <PageHeading>{t('heading', { reference: kase.reference })}</PageHeading>
      {kase.readOnly ? <p className="status read-only">{t('readOnly')}</p> : null}
      <CaseHeader kase={kase} people={people} onChanged={reload} />
      <CaseDeadlines deadlines={kase.deadlines} closed={kase.closed} />
      <StaffNotices kase={kase} />
      <CaseActions kase={kase} onConflict={reload} onProblems={setFailedForm} />
      <Decisions kase={kase} />
      <StaffMessages kase={kase} people={people} onPosted={reload} />
      <StaffMeetings kase={kase} people={people} onChanged={reload} />
      <StaffDocuments kase={kase} people={people} onChanged={reload} />
      <StaffMeasures kase={kase} onChanged={reload} />
      <Relations kase={kase} />
      <StaffTimeline kase={kase} />
    </article>
  );
}

/** Who and what the case is about, where it stands, and who handles it. */
export function CaseHeader({
  kase,
  people,
  onChanged,
}: {
  kase: StaffCase;
  people: People;
  onChanged(): void;
}) {
  const { t } = useTranslation('staffCase');
  const { t: inbox } = useTranslation('inbox');
  const format = useFormat();
  const { roles, me } = useSession();
  const canAssign = roles.includes('manager') || roles.includes('director');
  const handlers = kase.handlerIds ?? [];
  const referrals = (kase.referrals ?? []).filter((referral) => referral.active);
  const open = !kase.closed && !kase.readOnly;
  return (
    <section aria-labelledby="case-header" className="card case-header">
      <h2 id="case-header" className="visually-hidden">
        {t('header.title')}
      </h2>
      <p className="lead">
        <CaseStatus closed={kase.closed} stages={kase.stages} />{' '}
        {(kase.flags ?? []).map((flag) => (
          <strong key={flag} className="status-tag flag">
            {flagLabel(flag, t)}
          </strong>
        ))}
        {referrals.map((referral) => (
          <strong key={referral.id} className="status-tag flag">
            {t('header.referred', { commission: referral.commission.name })}
          </strong>
        ))}
      </p>
      <dl className="facts">
        <dt>{t('header.reference')}</dt>
        <dd className="reference">{kase.reference}</dd>
        <dt>{t('header.client')}</dt>
        <dd>{kase.clientId ? people.name(kase.clientId) : t('header.unknown')}</dd>
        <dt>{t('header.subject')}</dt>
        <dd>
          {(kase.subjectIds ?? []).length > 0
            ? (kase.subjectIds ?? []).map((id) => people.name(id)).join(', ')
            : t('header.noSubject')}
        </dd>
        <dt>{t('header.handler')}</dt>
        <dd>
          {handlers.length > 0
            ? handlers.map((id) => people.name(id)).join(', ')
            : t('header.noHandler')}
        </dd>
        <dt>{t('header.channel')}</dt>
        <dd>{channelLabel(kase.channel, inbox)}</dd>
        <dt>{t('header.received')}</dt>
        <dd>{format.date(kase.receivedOn)}</dd>
        {kase.category ? (
          <>
            <dt>{t('header.category')}</dt>
            <dd className="user-text">{kase.category}</dd>
          </>
        ) : null}
      </dl>
      {kase.warnings.length > 0 ? <p className="status">{t('header.outsideWindow')}</p> : null}
      {(canAssign || handlers.includes(me.id)) && open ? (
        <NameSubjectForm
          caseId={kase.id}
          candidates={subjectCandidates(people, kase)}
          onNamed={onChanged}
        />
      ) : null}
      {canAssign && open ? (
        <AssignHandlerForm
          caseId={kase.id}
          reference={kase.reference}
          handlers={people.withRole('handler')}
          visibleLabel
        />
      ) : null}
    </section>
  );
}

/**
 * Whom staff may name as the person the complaint is about: a member of staff who is not the
 * client, not handling the case and not named already (the server checks the same).
 */
function subjectCandidates(people: People, kase: StaffCase) {
  const taken = new Set([kase.clientId, ...(kase.handlerIds ?? []), ...(kase.subjectIds ?? [])]);
  const staff = new Map(
    (['handler', 'manager', 'director'] as const)
      .flatMap((role) => people.withRole(role))
      .map((person) => [person.userId, person]),
  );
  return [...staff.values()].filter((person) => !taken.has(person.userId));
}

const KNOWN_FLAGS = ['tegen-directie'] as const;

function flagLabel(flag: string, t: ReturnType<typeof useTranslation<'staffCase'>>['t']): string {
  return (KNOWN_FLAGS as readonly string[]).includes(flag)
    ? t(`flags.${flag as (typeof KNOWN_FLAGS)[number]}`)
    : t('flags.other', { flag: flag.replace(/-/g, ' ') });
}

const CHANNELS = ['portal', 'confidant', 'in-person', 'phone', 'paper', 'email'] as const;

function channelLabel(channel: string, t: ReturnType<typeof useTranslation<'inbox'>>['t']) {
  return (CHANNELS as readonly string[]).includes(channel)
    ? t(`channels.${channel as (typeof CHANNELS)[number]}`)
    : channel;
}

/** Confidants the client let in, and the commissions the case went to. */
function Relations({ kase }: { kase: StaffCase }) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  const grants = kase.confidantGrants ?? [];
  const referrals = kase.referrals ?? [];
  if (grants.length === 0 && referrals.length === 0) return null;
  return (
    <section aria-labelledby="case-relations" className="card">
      <h2 id="case-relations">{t('relations.title')}</h2>
      {grants.length > 0 ? (
        <>
          <h3>{t('relations.confidants')}</h3>
          <ul>
            {grants.map((grant) => (
              <li key={grant.id}>
                {grant.confidantName ?? t('header.unknown')}{' '}
                <span className="muted">
                  {grant.live ? t('relations.live') : t('relations.ended')}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {referrals.length > 0 ? (
        <>
          <h3>{t('relations.referrals')}</h3>
          <ul>
            {referrals.map((referral) => (
              <li key={referral.id}>
                {referral.commission.name}{' '}
                <span className="muted">
                  {referral.active
                    ? t('relations.referralActive', { date: format.dateTime(referral.endsAt) })
                    : t('relations.referralEnded', {
                        date: format.dateTime(referral.endedAt ?? referral.endsAt),
                      })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
