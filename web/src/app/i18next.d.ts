import 'i18next';
import type { Catalogue } from './catalogues';

// Message keys are typed from the Dutch catalogue: a missing key fails `pnpm typecheck`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Catalogue;
  }
}
