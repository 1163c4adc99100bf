import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import type { StaffCase } from './staff-case.graphql';

const ROLES = ['client', 'subject'] as const;
type KnownRole = (typeof ROLES)[number];
const isKnownRole = (role: string): role is KnownRole =>
  (ROLES as readonly string[]).includes(role);

/**
 * The letters the case still owes (issue 8 §1): an extension takes effect only once its letter
 * reached every recipient the law names, before the term as it stands runs out. Staff see what
 * is owed, to whom, and by when; the list empties as the letters are sent.
 */
export function StaffNotices({ kase }: { kase: StaffCase }) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  const notices = kase.pendingNotices ?? [];
  if (notices.length === 0) return null;
  const roleName = (role: string) =>
    isKnownRole(role) ? t(`notices.roles.${role}`) : t('notices.roles.other', { role });
  return (
    <section aria-labelledby="case-notices" className="card notices">
      <h2 id="case-notices">{t('notices.title')}</h2>
      <ul>
        {notices.map((notice) => (
          <li key={`${notice.kind}-${notice.extension}`}>
            <p>
              <strong>
                {t('notices.extensionLetter', {
                  clock: format.label(notice.clockLabel),
                  date: format.date(notice.sendBefore),
                })}
              </strong>
            </p>
            <p className="user-text">{t('notices.reason', { reason: notice.reason })}</p>
            <p>{t('notices.newDue', { date: format.date(notice.newDue) })}</p>
            <p>{t('notices.owedTo')}</p>
            <ul>
              {notice.owedTo.map((recipient) => (
                <li key={`${recipient.role}-${recipient.personId ?? ''}`}>
                  {t('notices.recipient', {
                    name: recipient.name ?? t('notices.unnamed'),
                    role: roleName(recipient.role),
                  })}
                </li>
              ))}
            </ul>
            {notice.awaitsConsent ? <p className="muted">{t('notices.awaitsConsent')}</p> : null}
          </li>
        ))}
      </ul>
      <p className="hint">{t('notices.howTo')}</p>
    </section>
  );
}
