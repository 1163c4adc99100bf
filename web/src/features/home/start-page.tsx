import { Navigate } from 'react-router';
import { startPathFor } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { HomePage } from './home-page';

/** `/`: clients and confidants go straight to their portal; staff see their start page. */
export function StartPage() {
  const { roles } = useSession();
  const start = startPathFor(roles);
  return start ? <Navigate to={start} replace /> : <HomePage />;
}
