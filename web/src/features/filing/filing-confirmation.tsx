import type { RefObject } from 'react';
import { filingContext, useFilingText } from './filing-text';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import type { Filer } from './intake-steps';

/** A complaint just filed, with what did not go along. */
export interface Filed {
  id: string;
  reference: string;
  warnings: readonly string[];
  deadlines: readonly { clock: string; label: string; due: string; explanation: string }[];
  failedUploads: readonly string[];
  noteFailed: boolean;
}

/** The confirmation page: the reference to quote, what happens now, and the first deadline. */
export function FilingConfirmation({
  filed,
  filer,
  headingRef,
}: {
  filed: Filed;
  filer: Filer;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useFilingText(filingContext(filer));
  // Staff go on with the case in the Werkbak; clients and confidants follow it in the portal.
  const home = filer === 'staff' ? '/werkbak' : '/klachten';
  const format = useFormat();
  return (
    <div className="confirmation">
      <div className="confirmation-panel">
        <h1 ref={headingRef} tabIndex={-1} className="page-heading">
          {t('confirmation.title')}
        </h1>
        <p>
          {t('confirmation.reference')} <strong className="reference">{filed.reference}</strong>
        </p>
      </div>
      {filed.warnings.length > 0 ? (
        <div className="status" role="status">
          <p>{t('confirmation.outsideWindow')}</p>
        </div>
      ) : null}
      {filed.failedUploads.length > 0 || filed.noteFailed ? (
        <div className="alert" role="alert">
          <p>{t('confirmation.partlyFailed', { names: filed.failedUploads.join(', ') })}</p>
        </div>
      ) : null}
      <h2>{t('confirmation.next')}</h2>
      <p>{t('confirmation.nextText')}</p>
      {filed.deadlines.length > 0 ? (
        <ul className="deadlines">
          {filed.deadlines.map((deadline) => (
            <li key={deadline.clock}>
              <strong>{deadline.label}</strong>: {format.date(deadline.due)}
              <br />
              <span className="muted">{deadline.explanation}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="button-row">
        <Link className="button primary" to={`${home}/${filed.id}`}>
          {t('confirmation.open')}
        </Link>
        <Link className="button" to={home}>
          {t('confirmation.list')}
        </Link>
      </p>
    </div>
  );
}
