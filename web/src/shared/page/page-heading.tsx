import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of a screen. It takes focus when the screen appears, so keyboard and screen-reader
 * users start reading the new screen from its top instead of being left where the old one was.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
