import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-context';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';

/** The first screen in an organisation for staff: who you are here and what you can do. */
export function HomePage() {
  const { t } = useTranslation();
  const { me, active, roles } = useSession();
  usePageTitle(t('home.title'));
  return (
    <>
      <PageHeading>{t('home.welcome', { name: me.displayName })}</PageHeading>
      <p className="lead">
        {t('home.workingIn', {
          organisation: active.name,
          count: roles.length,
          roles: roles.map((role) => t(`roles.${role}`).toLowerCase()).join(', '),
        })}
      </p>
      <section aria-labelledby="what-next" className="card">
        <h2 id="what-next">{t('home.whatYouCanDo')}</h2>
        {roles.map((role) => (
          <div key={role} className="role-block">
            <h3>{t(`roles.${role}`)}</h3>
            <p>{t(`home.explanation.${role}`)}</p>
          </div>
        ))}
      </section>
    </>
  );
}
