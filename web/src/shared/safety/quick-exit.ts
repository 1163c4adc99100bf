/** Where quick exit goes: a site anyone might have open. */
export const NEUTRAL_SITE = 'https://www.google.nl/';

/** The title the remaining history entry shows: nothing that points at complaints. */
export const NEUTRAL_TITLE = 'Zoeken';

/** Two presses of Escape within this time leave at once, for those who cannot reach the button. */
export const ESCAPE_TWICE_WITHIN_MS = 1_000;

/**
 * Leaves Klachtpad at once for a neutral site and takes this tab's Klachtpad pages out of its
 * history: the tab walks back to the first Klachtpad entry (react-router numbers its entries in
 * `history.state.idx`), renames that one to the bare start address, pushes once (which drops every
 * later entry, the addresses of complaints among them) and replaces that with the neutral site.
 * What remains is one entry for the start address, whose page asks to sign in.
 */
export function quickExit(neutralSite: string = NEUTRAL_SITE): void {
  document.documentElement.classList.add('leaving');
  document.title = NEUTRAL_TITLE;
  try {
    window.sessionStorage.clear();
  } catch {
    // Nothing stored, nothing to clear.
  }
  const leave = () => {
    // The one entry that stays gets a plain address and a plain title.
    document.title = NEUTRAL_TITLE;
    window.history.replaceState(null, '', '/');
    window.history.pushState(null, '', '/');
    window.location.replace(neutralSite);
  };
  const state: unknown = window.history.state;
  const index =
    typeof state === 'object' && state !== null && 'idx' in state && typeof state.idx === 'number'
      ? state.idx
      : 0;
  if (index > 0) {
    window.addEventListener('popstate', leave, { once: true });
    window.history.go(-index);
  } else {
    leave();
  }
}
