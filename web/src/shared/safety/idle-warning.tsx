import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface IdleWarningProps {
  /** Minutes without activity before the session is ended here. */
  idleMinutes: number;
  /** Minutes before that to warn. */
  warnMinutes: number;
  /** Ends the session. */
  onTimeout(): void;
  /** The person wants to go on: keep the server's session alive too. */
  onStay(): void;
}

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Ends the session on a device left alone, and says so first. On a shared computer in a shelter
 * the next person must not find someone's complaint open.
 */
export function IdleWarning({ idleMinutes, warnMinutes, onTimeout, onStay }: IdleWarningProps) {
  const { t } = useTranslation();
  const [warning, setWarning] = useState(false);
  const [restart, setRestart] = useState(0);
  const stayRef = useRef<HTMLButtonElement>(null);
  const callbacks = useRef({ onTimeout, onStay });
  callbacks.current = { onTimeout, onStay };

  useEffect(() => {
    let warnTimer: ReturnType<typeof setTimeout>;
    let endTimer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(() => setWarning(true), (idleMinutes - warnMinutes) * 60_000);
      endTimer = setTimeout(() => callbacks.current.onTimeout(), idleMinutes * 60_000);
    };
    arm();
    // While the warning shows, only its own buttons count as activity.
    const onActivity = () => {
      if (!warningRef.current) arm();
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity);
    };
  }, [idleMinutes, warnMinutes, restart]);

  const warningRef = useRef(false);
  warningRef.current = warning;
  useEffect(() => {
    if (warning) stayRef.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div
      className="idle-warning"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
    >
      <h2 id="idle-warning-title">{t('idle.title')}</h2>
      <p id="idle-warning-text">{t('idle.text', { minutes: warnMinutes })}</p>
      <div className="button-row">
        <button
          ref={stayRef}
          type="button"
          className="button primary"
          onClick={() => {
            setWarning(false);
            setRestart((n) => n + 1);
            callbacks.current.onStay();
          }}
        >
          {t('idle.stay')}
        </button>
        <button
          type="button"
          className="button quiet"
          onClick={() => callbacks.current.onTimeout()}
        >
          {t('idle.signOut')}
        </button>
      </div>
    </div>
  );
}
