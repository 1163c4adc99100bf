import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ESCAPE_TWICE_WITHIN_MS, quickExit } from './quick-exit';

export interface QuickExitButtonProps {
  /** Ends the session without waiting for the answer (the page is leaving). */
  onExit(): void;
  /** Where to go; the neutral site unless a test says otherwise. */
  exit?: () => void;
}

/**
 * "Snel weg": one tap, or Escape twice, replaces the page with a neutral site. For people who
 * may be watched while they use Klachtpad.
 */
export function QuickExitButton({ onExit, exit = () => quickExit() }: QuickExitButtonProps) {
  const { t } = useTranslation();
  const lastEscape = useRef(0);
  const leave = useRef(() => {
    onExit();
    exit();
  });
  leave.current = () => {
    onExit();
    exit();
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      const now = event.timeStamp;
      if (lastEscape.current && now - lastEscape.current <= ESCAPE_TWICE_WITHIN_MS) {
        leave.current();
      }
      lastEscape.current = now;
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="quick-exit">
      <button type="button" className="button quick-exit-button" onClick={() => leave.current()}>
        {t('quickExit.button')}
      </button>
      <span className="quick-exit-hint">{t('quickExit.hint')}</span>
    </div>
  );
}
