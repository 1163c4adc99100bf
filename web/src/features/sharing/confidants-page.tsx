import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { ConfidantGrantForm } from './confidant-grant-form';
import { GrantList } from './grant-list';
import {
  AuthorisationsQuery,
  AuthoriseConfidantMutation,
  ConfidantsQuery,
  WithdrawAuthorisationMutation,
} from './sharing.graphql';

/**
 * "Vertrouwenspersonen": standing authorisations a client gives a confidant, e.g. to file a
 * complaint on their behalf. Access to a complaint already filed is given per complaint.
 */
export function ConfidantsPage() {
  const { t } = useTranslation('sharing');
  const { t: common } = useTranslation();
  const { me } = useSession();
  const [{ data, error }] = useQuery({ query: AuthorisationsQuery, variables: {} });
  const [confidants] = useQuery({ query: ConfidantsQuery, variables: {} });
  const [, authorise] = useMutation(AuthoriseConfidantMutation);
  const [, withdraw] = useMutation(WithdrawAuthorisationMutation);
  const [notice, setNotice] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  usePageTitle(t('standing.title'), Boolean(failed));

  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return <Loading />;
  const mine = data.myConfidantAuthorisations.filter((a) => a.clientId === me.id && a.live);

  return (
    <>
      <PageHeading>{t('standing.title')}</PageHeading>
      <p className="lead">{t('standing.lead')}</p>
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
      {failed ? <AlertMessage>{failed}</AlertMessage> : null}
      <section className="card" aria-labelledby="standing">
        <h2 id="standing">{t('standing.current')}</h2>
        {mine.length === 0 ? <p className="muted">{t('standing.none')}</p> : null}
        <GrantList
          grants={mine}
          endLabel={(name) => t('standing.withdraw', { name })}
          onEnd={(item) =>
            void withdraw({ confidantId: item.confidantId }).then((result) => {
              const problem = apiFailure(result.error);
              setFailed(problem ? generalFailureMessage(problem, common) : undefined);
              setNotice(problem ? undefined : t('standing.withdrawn'));
            })
          }
        />
        <h3>{t('standing.add')}</h3>
        <ConfidantGrantForm
          idPrefix="standing"
          confidants={confidants.data?.confidants ?? []}
          initialScopes={['view', 'submit', 'receive-letters']}
          submitLabel={t('standing.authorise')}
          onGrant={async (confidantId, scopes) => {
            const result = await authorise({ input: { confidantId, scopes } });
            const problem = apiFailure(result.error);
            if (problem) return generalFailureMessage(problem, common);
            setFailed(undefined);
            setNotice(t('standing.authorised'));
            return undefined;
          }}
        />
      </section>
    </>
  );
}
