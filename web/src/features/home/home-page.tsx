import type { Role } from '@klachtpad/contracts';
import { PageHeading } from '../../shared/page-heading';
import { ROLE_LABELS } from '../../shared/roles';
import { ROLE_EXPLANATIONS } from './role-explanations';

export interface HomePageProps {
  displayName: string;
  organisationName: string;
  roles: readonly Role[];
}

/** The first screen in an organisation: who you are here and what you will be able to do. */
export function HomePage({ displayName, organisationName, roles }: HomePageProps) {
  return (
    <>
      <PageHeading>Welkom, {displayName}</PageHeading>
      <p className="lead">
        U werkt nu in <strong>{organisationName}</strong>
        {roles.length === 1 ? ' als ' : ' met de rollen '}
        <strong>{roles.map((role) => ROLE_LABELS[role].toLowerCase()).join(', ')}</strong>.
      </p>
      <section aria-labelledby="what-next" className="card">
        <h2 id="what-next">Wat u hier kunt doen</h2>
        {roles.map((role) => (
          <div key={role} className="role-block">
            <h3>{ROLE_LABELS[role]}</h3>
            <p>{ROLE_EXPLANATIONS[role]}</p>
          </div>
        ))}
        <p className="muted">
          Klachtpad wordt stap voor stap gebouwd. Het werken met klachten komt in een volgende
          versie.
        </p>
      </section>
    </>
  );
}
