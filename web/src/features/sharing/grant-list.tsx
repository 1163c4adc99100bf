import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { isScope } from './scopes';

export interface GrantItem {
  id: string;
  confidantId: string;
  confidantName: string | null;
  scopes: readonly string[];
  grantedAt: string;
}

/** Confidants who may act now, what each may do, and the button that ends it at once. */
export function GrantList({
  grants,
  endLabel,
  onEnd,
}: {
  grants: readonly GrantItem[];
  endLabel(name: string): string;
  onEnd(grant: GrantItem): void;
}) {
  const { t } = useTranslation('sharing');
  const format = useFormat();
  return (
    <ul className="grants">
      {grants.map((item) => (
        <li key={item.id}>
          <p>
            <strong>{item.confidantName ?? t('unknownConfidant')}</strong>{' '}
            <span className="muted">{t('since', { date: format.dateTime(item.grantedAt) })}</span>
          </p>
          <p>
            {t('mayDo', {
              scopes: item.scopes
                .filter(isScope)
                .map((scope) => t(`scopes.${scope}`))
                .join(', '),
            })}
          </p>
          <button type="button" className="button" onClick={() => onEnd(item)}>
            {endLabel(item.confidantName ?? '')}
          </button>
        </li>
      ))}
    </ul>
  );
}
