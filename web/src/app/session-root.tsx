import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createApiClient } from '../shared/api/urql-client';
import {
  readOrganisationPreference,
  writeOrganisationPreference,
} from '../shared/api/organisation-preference';
import { SessionGate, type OrganisationRefusal, type SessionControls } from './session-gate';
import type { SignOutReason } from './session-context';

/**
 * The root of every page. Holds where the user is: which organisation requests go to, and a
 * fresh API client (with an empty cache) for every organisation and every session.
 */
export function SessionRoot() {
  const [organisation, setOrganisation] = useState(readOrganisationPreference);
  const [refusal, setRefusal] = useState<OrganisationRefusal | null>(null);
  const [notice, setNotice] = useState<SignOutReason | undefined>();
  const [session, setSession] = useState(0);

  // `session` is a dependency on purpose: signing in or out starts with an empty cache.
  const api = useMemo(() => createApiClient(organisation), [organisation, session]);
  useEffect(() => () => api.dispose(), [api]);

  const controls = useMemo<SessionControls>(
    () => ({
      enter(slug) {
        writeOrganisationPreference(slug);
        setRefusal(null);
        setOrganisation(slug);
      },
      refused(next) {
        // Keep the choice when only the second step is missing: it is asked for, then entered.
        if (next.reason !== 'MFA_REQUIRED') writeOrganisationPreference(null);
        setRefusal(next);
        setOrganisation(null);
      },
      signedIn() {
        setNotice(undefined);
        setSession((n) => n + 1);
      },
      signedOut(reason = 'signedOut') {
        writeOrganisationPreference(null);
        setRefusal(null);
        setOrganisation(null);
        setNotice(reason);
        setSession((n) => n + 1);
      },
    }),
    [],
  );

  return (
    <Provider value={api.client}>
      <SessionGate
        key={`${organisation ?? '-'}:${session}`}
        organisation={organisation}
        refusal={refusal}
        notice={notice}
        controls={controls}
      />
    </Provider>
  );
}
