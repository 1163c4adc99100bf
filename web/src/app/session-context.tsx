import type { Role } from '@klachtpad/contracts';
import { createContext, useContext } from 'react';
import type { ActiveOrganisation, Me } from '../features/auth/auth.graphql';

/** Why the sign-in page shows again. */
export type SignOutReason = 'signedOut' | 'idleSignedOut';

/** Who is signed in, where they act now, and the ways out. */
export interface Session {
  me: Me;
  active: ActiveOrganisation;
  roles: readonly Role[];
  switchOrganisation(slug: string): void;
  /** Called once the server confirmed the session ended; the sign-in page says why. */
  signedOut(reason?: SignOutReason): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is for pages inside the signed-in shell');
  return session;
}
