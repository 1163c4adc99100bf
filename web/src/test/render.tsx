import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { vi } from 'vitest';
import { dutch } from '../app/catalogues';
import { english } from '../app/catalogues.en';
import { SessionContext, type Session } from '../app/session-context';
import type { Me } from '../features/auth/auth.graphql';
import { createI18n, type Language } from '../shared/i18n/i18n';
import { LanguageProvider } from '../shared/i18n/language-context';

/** A client of `bureau-mhr`, as `me` describes them. */
export function testMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'me-1',
    email: 'client@bureau-mhr.example',
    displayName: 'Client',
    language: null,
    mfaEnabled: false,
    sessionMfaVerified: false,
    memberships: [
      {
        organisationId: 'org-1',
        slug: 'bureau-mhr',
        name: 'Bureau MHR',
        kind: 'care',
        roles: ['CLIENT'],
        mfaRequiredForStaff: false,
      },
    ],
    activeOrganisation: {
      organisationId: 'org-1',
      slug: 'bureau-mhr',
      name: 'Bureau MHR',
      roles: ['CLIENT'],
    },
    ...overrides,
  };
}

export function testSession(overrides: Partial<Session> = {}): Session {
  const me = testMe();
  return {
    me,
    active: me.activeOrganisation!,
    roles: ['client'],
    switchOrganisation: vi.fn(),
    signedOut: vi.fn(),
    ...overrides,
  };
}

type Answer = { data?: unknown; error?: unknown };

/**
 * An urql client that answers from the test (urql's own testing pattern): queries and mutations
 * by operation name, each recorded with its variables. The server itself is tested against a real
 * database; these tests are about what the screen does with the answers.
 */
export function testClient(
  answers: Record<string, Answer | ((variables: unknown) => Answer)> = {},
) {
  const calls: { name: string; variables: unknown }[] = [];
  const answer = (operation: {
    query: { definitions: readonly unknown[] };
    variables: unknown;
  }) => {
    const definition = operation.query.definitions.find(
      (d): d is { kind: string; name?: { value: string } } =>
        typeof d === 'object' &&
        d !== null &&
        (d as { kind?: string }).kind === 'OperationDefinition',
    );
    const name = definition?.name?.value ?? '';
    calls.push({ name, variables: operation.variables });
    const given = answers[name];
    if (!given) return never;
    const result = typeof given === 'function' ? given(operation.variables) : given;
    return fromValue({ operation, ...result, stale: false, hasNext: false });
  };
  const client = {
    executeQuery: vi.fn(answer),
    executeMutation: vi.fn(answer),
    executeSubscription: vi.fn(() => never),
    query: vi.fn(() => ({ toPromise: () => Promise.resolve({}) })),
    mutation: vi.fn(() => ({ toPromise: () => Promise.resolve({}) })),
  } as unknown as Client;
  return { client, calls };
}

/** Renders a page as the portal does: catalogues, session, API client and a router. */
export function renderPage(
  element: ReactElement,
  options: {
    client?: Client;
    session?: Session;
    language?: Language;
    path?: string;
    route?: string;
  } = {},
): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const language = options.language ?? 'nl';
  const i18n = createI18n(language, { nl: dutch, en: english });
  const router = createMemoryRouter(
    [
      { path: options.route ?? '/', element },
      { path: '*', element: <p>elders</p> },
    ],
    { initialEntries: [options.path ?? '/'] },
  );
  const result = render(
    <LanguageProvider i18n={i18n} loadCatalogue={async (l) => (l === 'en' ? english : dutch)}>
      <Provider value={options.client ?? testClient().client}>
        <SessionContext.Provider value={options.session ?? testSession()}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </Provider>
    </LanguageProvider>,
  );
  return { ...result, router };
}
