import type { Finding, FindingCode } from '@klachtpad/procedures/authoring';
import { FINDING_CODES } from '@klachtpad/procedures/authoring';
import { useTranslation } from 'react-i18next';

function isFindingCode(code: string): code is FindingCode {
  return (FINDING_CODES as readonly string[]).includes(code);
}

/** A finding as the screen says it: a sentence in the reader's language, then the engine's detail. */
export function FindingText({ finding }: { finding: Pick<Finding, 'code' | 'message'> }) {
  const { t } = useTranslation('procedure');
  return (
    <>
      {isFindingCode(finding.code) ? t(`findings.${finding.code}`) : null}{' '}
      {/* The engine states the specifics (which term, how long, what the law allows) in English. */}
      <span lang="en" className="finding-detail">
        {finding.message}
      </span>
    </>
  );
}

/** The findings at one place of the form, tied to its controls by `id`. */
export function FindingList({
  id,
  findings,
  showPath = false,
}: {
  id: string;
  findings: readonly Finding[];
  showPath?: boolean;
}) {
  const { t } = useTranslation('procedure');
  if (findings.length === 0) return null;
  return (
    <ul id={id} className="findings">
      {findings.map((finding, index) => (
        <li
          key={`${finding.code}:${finding.path}:${index}`}
          className={finding.severity === 'error' ? 'field-error' : 'finding-warning'}
        >
          <strong>{t(finding.severity === 'error' ? 'editor.error' : 'editor.warning')}: </strong>
          <FindingText finding={finding} />
          {showPath ? (
            <span className="finding-path"> ({t('editor.at', { path: finding.path })})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
