import type { ResourceLanguage } from 'i18next';
import type { Language } from '../shared/i18n/i18n';
import { dutch } from './catalogues.nl';

export { dutch };

/** Every namespace of the Dutch catalogue: the shape every language must have. */
export type Catalogue = typeof dutch;

/** Dutch is in the first download; other languages load when someone chooses them. */
export async function loadCatalogue(language: Language): Promise<ResourceLanguage> {
  if (language === 'nl') return dutch;
  return (await import('./catalogues.en')).english;
}
