import { AlertMessage } from './alert-message';
import { PageHeading } from './page-heading';

export interface ErrorScreenProps {
  message: string;
  onRetry(): void;
}

/** When the first answer does not come: say so plainly and offer one way forward. */
export function ErrorScreen({ message, onRetry }: ErrorScreenProps) {
  return (
    <main className="centred">
      <div className="card narrow">
        <PageHeading>Dat ging niet goed</PageHeading>
        <AlertMessage>{message}</AlertMessage>
        <button type="button" className="button primary" onClick={onRetry}>
          Opnieuw proberen
        </button>
      </div>
    </main>
  );
}
