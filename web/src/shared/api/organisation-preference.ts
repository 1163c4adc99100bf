/**
 * The organisation the user last chose in this tab. Session storage, not local storage: it is
 * forgotten with the tab, and each tab can work in its own organisation.
 */
const KEY = 'klachtpad.organisation';

export function readOrganisationPreference(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function writeOrganisationPreference(slug: string | null): void {
  try {
    if (slug) window.sessionStorage.setItem(KEY, slug);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage can be disabled; the choice then lasts until the page reloads.
  }
}
