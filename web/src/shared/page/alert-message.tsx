import type { ReactNode } from 'react';

/** A message screen readers announce at once: errors, and things the user must act on. */
export function AlertMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert" role="alert">
      {children}
    </div>
  );
}

/** A polite message: something changed, nothing is wrong. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="status" role="status">
      {children}
    </div>
  );
}
