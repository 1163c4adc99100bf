import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Provider, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import type { MembershipView } from '../auth/auth.graphql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { createApiClient } from '../../shared/api/urql-client';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { rolesFrom } from '../../shared/roles';
import { CaseStatus } from '../complaints/case-status';
import { nextDeadline } from '../complaints/next-deadline';
import { isScope } from '../sharing/scopes';
import { ConfidantCasesQuery } from './confidant.graphql';

/**
 * "Mijn cliënten": for an independent confidant, every client who gave them access, in every
 * organisation they serve, with those clients' complaints. Each organisation is asked with its
 * own API client, so no answer of one can show under another.
 */
export function ConfidantClientsPage() {
  const { t } = useTranslation('confidant');
  const { me } = useSession();
  usePageTitle(t('title'));
  const organisations = me.memberships.filter((m) => rolesFrom(m.roles).includes('confidant'));
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      {organisations.map((organisation) => (
        <OrganisationClients key={organisation.slug} organisation={organisation} />
      ))}
    </>
  );
}

function OrganisationClients({ organisation }: { organisation: MembershipView }) {
  const api = useMemo(() => createApiClient(organisation.slug), [organisation.slug]);
  useEffect(() => () => api.dispose(), [api]);
  return (
    <section className="card" aria-labelledby={`org-${organisation.slug}`}>
      <h2 id={`org-${organisation.slug}`}>{organisation.name}</h2>
      <Provider value={api.client}>
        <ClientList organisation={organisation} />
      </Provider>
    </section>
  );
}

function ClientList({ organisation }: { organisation: MembershipView }) {
  const { t } = useTranslation('confidant');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { me, active, switchOrganisation } = useSession();
  const navigate = useNavigate();
  const [{ data, error }] = useQuery({
    query: ConfidantCasesQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return <Loading />;

  const clients = new Map<
    string,
    { name: string; cases: typeof data.cases.edges; filing: boolean }
  >();
  const clientOf = (id: string, name: string | null | undefined) => {
    let entry = clients.get(id);
    if (!entry) {
      entry = { name: name ?? t('unknownClient'), cases: [], filing: false };
      clients.set(id, entry);
    }
    return entry;
  };
  for (const authorisation of data.myConfidantAuthorisations) {
    if (authorisation.confidantId !== me.id || !authorisation.live) continue;
    clientOf(authorisation.clientId, authorisation.clientName).filing ||=
      authorisation.scopes.includes('submit');
  }
  for (const edge of data.cases.edges) {
    const grant = edge.node.confidantGrants?.find((g) => g.confidantId === me.id && g.live);
    if (grant) clientOf(grant.clientId, grant.clientName).cases.push(edge);
  }
  if (clients.size === 0) return <p className="muted">{t('none')}</p>;

  const open = (path: string) => {
    void navigate(path);
    if (active.slug !== organisation.slug) switchOrganisation(organisation.slug);
  };

  return (
    <ul className="clients">
      {[...clients.entries()].map(([id, client]) => (
        <li key={id} className="client">
          <h3>{client.name}</h3>
          {client.filing ? (
            <p>
              <button type="button" className="button" onClick={() => open('/klachten/nieuw')}>
                {t('fileFor', { name: client.name })}
              </button>
            </p>
          ) : null}
          {client.cases.length === 0 ? <p className="muted">{t('noCases')}</p> : null}
          <ul className="case-list">
            {client.cases.map(({ node }) => {
              const grant = node.confidantGrants?.find((g) => g.confidantId === me.id && g.live);
              const deadline = nextDeadline(node.deadlines);
              return (
                <li key={node.id} className="case-item">
                  <p className="case-item-title">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(`/klachten/${node.id}`)}
                    >
                      <span className="reference">{node.reference}</span>{' '}
                      <span className="case-item-summary">{node.parts[0]?.summary ?? ''}</span>
                    </button>
                  </p>
                  <p className="case-item-meta">
                    <CaseStatus closed={node.closed} stages={node.stages} />
                  </p>
                  {deadline && !node.closed ? (
                    <p className="muted">
                      {t('deadline', { label: deadline.label, date: format.date(deadline.due) })}
                    </p>
                  ) : null}
                  {grant ? (
                    <p className="muted">
                      {t('mayDo', {
                        scopes: grant.scopes
                          .filter(isScope)
                          .map((scope) => t(`scopes.${scope}`, { ns: 'sharing' }))
                          .join(', '),
                      })}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
