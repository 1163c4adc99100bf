import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { amsterdamToday } from '../case/today';
import { NotFoundPage } from '../home/not-found-page';
import { canReadRegister } from './register-access';
import { buildCsv, downloadCsv } from './register-csv';
import { RegisterQuery } from './register.graphql';
import { RegisterTables, registerCsvRows } from './register-tables';
import './register.css';

/**
 * `/register`: the anonymised complaints register per year of receipt, for the annual report —
 * on screen, printed (A4) and as a CSV file. Only managers and directors may read it.
 */
export function RegisterPage() {
  const { roles } = useSession();
  // Anyone else gets the page that does not exist, as the server refuses them the register.
  return canReadRegister(roles) ? <Register /> : <NotFoundPage />;
}

function Register() {
  const { t } = useTranslation('register');
  const { t: common } = useTranslation();
  const { active } = useSession();
  const format = useFormat();
  usePageTitle(t('title'));
  const thisYear = Number(amsterdamToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [{ data, fetching, error }] = useQuery({ query: RegisterQuery, variables: { year } });
  const register = data?.complaintsRegister;
  // Until the first answer says since when, only this year is on offer.
  const [firstYear, setFirstYear] = useState<number | undefined>(undefined);
  if (register && register.firstYear !== firstYear) setFirstYear(register.firstYear);
  const years = Array.from(
    { length: Math.max(1, thisYear - Math.min(firstYear ?? thisYear, thisYear) + 1) },
    (_, index) => thisYear - index,
  );
  const failure = apiFailure(error);
  const yearId = useId();
  const noteId = useId();

  const download = () => {
    if (!register) return;
    downloadCsv(
      t('csv.fileName', { year: String(register.year) }),
      buildCsv(registerCsvRows(register, t, format)),
    );
  };

  return (
    <>
      <PageHeading>{t('heading', { year: String(year) })}</PageHeading>
      <p className="lead">{t('lead', { organisation: active.name })}</p>
      <div className="register-controls no-print">
        <div className="field">
          <label htmlFor={yearId}>{t('year')}</label>
          <select
            id={yearId}
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="register-actions">
          <button
            type="button"
            className="button"
            onClick={download}
            disabled={!register || register.year !== year}
          >
            {t('download')}
          </button>
          <button type="button" className="button" onClick={() => window.print()}>
            {t('print')}
          </button>
        </div>
      </div>
      <p id={noteId} className="register-note">
        {t('note')}
      </p>
      {failure ? (
        <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>
      ) : fetching || !register || register.year !== year ? (
        <Loading />
      ) : (
        <RegisterTables register={register} noteId={noteId} />
      )}
    </>
  );
}
