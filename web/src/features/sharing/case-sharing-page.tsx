import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { NotFoundPage } from '../home/not-found-page';
import { BundleDecisions } from './bundle-decisions';
import { ConfidantGrantForm } from './confidant-grant-form';
import { GrantList } from './grant-list';
import {
  CaseSharingQuery,
  ConfidantsQuery,
  GrantConfidantMutation,
  RevokeConfidantMutation,
} from './sharing.graphql';

/** "Wie heeft toegang": the confidants of one complaint, and what goes to a commission. */
export function CaseSharingPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('sharing');
  const { t: common } = useTranslation();
  const [{ data, error }] = useQuery({ query: CaseSharingQuery, variables: { id: caseId } });
  const [confidants] = useQuery({ query: ConfidantsQuery, variables: {} });
  const [, grant] = useMutation(GrantConfidantMutation);
  const [, revoke] = useMutation(RevokeConfidantMutation);
  const [notice, setNotice] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const kase = data?.case;
  usePageTitle(t('case.title'), Boolean(failed));

  const failure = apiFailure(error);
  if (failure?.code === 'NOT_FOUND' || (data && !kase)) return <NotFoundPage />;
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!kase) return <Loading />;
  const live = (kase.confidantGrants ?? []).filter((g) => g.live);

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/klachten/${kase.id}`}>{t('backToCase', { reference: kase.reference })}</Link>
      </p>
      <PageHeading>{t('case.title')}</PageHeading>
      <p className="lead">{t('case.lead')}</p>
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
      {failed ? <AlertMessage>{failed}</AlertMessage> : null}
      <section className="card" aria-labelledby="grants">
        <h2 id="grants">{t('case.grants')}</h2>
        {live.length === 0 ? <p className="muted">{t('case.noGrants')}</p> : null}
        <GrantList
          grants={live}
          endLabel={(name) => t('case.revoke', { name })}
          onEnd={(item) =>
            void revoke({ caseId: kase.id, confidantId: item.confidantId }).then((result) => {
              const problem = apiFailure(result.error);
              setFailed(problem ? generalFailureMessage(problem, common) : undefined);
              setNotice(
                problem ? undefined : t('case.revoked', { name: item.confidantName ?? '' }),
              );
            })
          }
        />
        <h3>{t('case.add')}</h3>
        <ConfidantGrantForm
          idPrefix="case-grant"
          confidants={confidants.data?.confidants ?? []}
          initialScopes={['view', 'receive-letters']}
          submitLabel={t('case.grant')}
          onGrant={async (confidantId, scopes) => {
            const result = await grant({ input: { caseId: kase.id, confidantId, scopes } });
            const problem = apiFailure(result.error);
            if (problem) return generalFailureMessage(problem, common);
            setFailed(undefined);
            setNotice(t('case.granted'));
            return undefined;
          }}
        />
      </section>
      <BundleDecisions kase={kase} />
    </>
  );
}
