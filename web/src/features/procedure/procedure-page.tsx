import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { NotFoundPage } from '../home/not-found-page';
import { canEditProcedure, canReadProcedurePage } from './procedure-access';
import { ProcedureDiagram } from './procedure-diagram';
import { ProcedureExplanation } from './procedure-explanation';
import { ProcedureOverviewQuery } from './procedure.graphql';
import './procedure.css';

/**
 * `/procedure`: the organisation's procedure as it now runs, drawn and in words, for managers
 * and directors; a director goes on from here to change it.
 */
export function ProcedurePage() {
  const { roles } = useSession();
  return canReadProcedurePage(roles) ? <Procedure /> : <NotFoundPage />;
}

function Procedure() {
  const { t } = useTranslation('procedure');
  const { t: common } = useTranslation();
  const { roles } = useSession();
  const format = useFormat();
  usePageTitle(t('title'));
  const [{ data, fetching, error }] = useQuery({
    query: ProcedureOverviewQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const procedure = data?.procedure;
  const failure = apiFailure(error);
  const explanationId = useId();
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      {failure ? (
        <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>
      ) : fetching || !procedure ? (
        <Loading />
      ) : (
        <>
          <p className="lead">
            {t('lead', {
              name: format.label(procedure.label),
              version: String(procedure.version),
              regime: t(`regimes.${regimeKey(procedure.regime)}`),
              date: format.dateTime(procedure.publishedAt),
            })}
          </p>
          {canEditProcedure(roles) ? (
            <p>
              <Link className="button" to="/procedure/bewerken">
                {t('edit')}
              </Link>
            </p>
          ) : null}
          <h2>{t('diagram.heading')}</h2>
          <ProcedureDiagram source={procedure.diagram} describedBy={explanationId} />
          <h2 id={explanationId}>{t('inWords')}</h2>
          <ProcedureExplanation markdown={procedure.explanation} />
        </>
      )}
    </>
  );
}

/** The catalogue's key for a regime; one the client does not know yet reads as "other". */
export function regimeKey(regime: string): 'wkkgz' | 'awb9' | 'jeugdwet' | 'wmoOwn' | 'other' {
  switch (regime) {
    case 'wkkgz':
    case 'awb9':
    case 'jeugdwet':
      return regime;
    case 'wmo-own':
      return 'wmoOwn';
    default:
      return 'other';
  }
}
