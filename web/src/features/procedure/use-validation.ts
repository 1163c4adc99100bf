import { validateProcedure, type ValidationResult } from '@klachtpad/procedures/authoring';
import { useEffect, useState } from 'react';
import type { Draft } from './editor-draft';

/** Long enough not to validate on every key while typing, short enough to feel immediate. */
export const VALIDATION_DELAY_MS = 300;

/**
 * The engine's own validator over the draft, run once typing pauses: the findings publishing
 * would give. The draft is numbered as the server numbers it (the next version), so nothing
 * differs but the time it runs. `undefined` while a change waits to be checked.
 */
export function useValidation(draft: Draft | undefined, nextVersion: number) {
  const [checked, setChecked] = useState<{ draft: Draft; result: ValidationResult } | undefined>();
  useEffect(() => {
    if (!draft) return undefined;
    const timer = setTimeout(() => {
      setChecked({ draft, result: validateProcedure({ ...draft, version: nextVersion }) });
    }, VALIDATION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, nextVersion]);
  return checked && checked.draft === draft ? checked.result : undefined;
}
