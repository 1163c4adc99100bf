import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembershipView } from '../auth/auth.graphql';

export interface OrganisationSwitcherProps {
  memberships: readonly MembershipView[];
  activeSlug: string;
  onSwitch(slug: string): void;
}

/**
 * Choosing and confirming are two steps on purpose: a select that switches on change moves the
 * whole screen while a keyboard user is still browsing its options.
 */
export function OrganisationSwitcher({
  memberships,
  activeSlug,
  onSwitch,
}: OrganisationSwitcherProps) {
  const { t } = useTranslation();
  const id = useId();
  const [selected, setSelected] = useState(activeSlug);
  if (memberships.length < 2) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected !== activeSlug) onSwitch(selected);
  }

  return (
    <form className="switcher" onSubmit={submit}>
      <label htmlFor={id}>{t('organisations.switchTo')}</label>
      <select id={id} value={selected} onChange={(event) => setSelected(event.target.value)}>
        {memberships.map((membership) => (
          <option key={membership.organisationId} value={membership.slug}>
            {membership.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button small" disabled={selected === activeSlug}>
        {t('organisations.switch')}
      </button>
    </form>
  );
}
