import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { asDefinition } from '../../shared/procedure/definition';
import { ProcedureQuery } from '../../shared/procedure/procedure.graphql';
import { IntakeForm } from './file-complaint-page';
import { FilingPeopleQuery } from './filing.graphql';
import { useFilingText } from './filing-text';

const STAFF_ROLES = new Set(['HANDLER', 'MANAGER', 'DIRECTOR']);

/**
 * "Klacht registreren" (Werkbak): staff take down a complaint a client made in person, by phone,
 * on paper or by mail, with the same guided form the client uses, asked about the client. The
 * client can be chosen beforehand (`?client=<id>`, from "Cliënt inschrijven"); the server decides
 * whether this member may register for clients at all.
 */
export function StaffFilingPage() {
  const t = useFilingText('staff');
  const { t: common } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const [procedure] = useQuery({
    query: ProcedureQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const [people] = useQuery({ query: FilingPeopleQuery });
  usePageTitle(t('title'));
  const failure = apiFailure(procedure.error ?? people.error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!procedure.data || !people.data) return <Loading />;
  const definition = asDefinition(procedure.data.procedure.definition);
  if (!definition) return <AlertMessage>{t('unavailable')}</AlertMessage>;
  const clients = people.data.clients.map((member) => ({
    id: member.userId,
    name: member.displayName,
  }));
  if (clients.length === 0) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <p className="lead">{t('noClients')}</p>
      </>
    );
  }
  const employees = people.data.members
    .filter((member) => member.roles.some((role) => STAFF_ROLES.has(role)))
    .map((member) => ({ id: member.userId, name: member.displayName }));
  return (
    <IntakeForm
      definition={definition}
      filer="staff"
      clients={clients}
      employees={employees}
      clientId={params.get('client') ?? undefined}
    />
  );
}
