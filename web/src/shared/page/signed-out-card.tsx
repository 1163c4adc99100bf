import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/language-switch';
import { QuickExitButton } from '../safety/quick-exit-button';
import { PageHeading } from './page-heading';

/**
 * The frame of a page seen without a session (signing in, a link from a mail): quick exit, the
 * brand and the language switch on one card.
 */
export function SignedOutCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <QuickExitButton onExit={() => undefined} />
      <main className="centred">
        <div className="card narrow">
          <div className="card-top">
            <p className="brand" aria-hidden="true">
              Klachtpad
            </p>
            <LanguageSwitch />
          </div>
          <PageHeading>{title}</PageHeading>
          {children}
        </div>
      </main>
    </>
  );
}
