import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { CaseMessages } from './case-messages';
import type { CaseDetail } from './case.graphql';

const HOSTILE = '<img src=x onerror="window.__pwned = true">Hallo <b>vet</b>';

describe('text people wrote', () => {
  it('is shown as text, never as HTML', async () => {
    const kase = {
      id: 'case-1',
      closed: false,
      documents: [],
      messages: [
        {
          id: 'm1',
          authorId: 'someone',
          onBehalfOfId: null,
          body: HOSTILE,
          postedAt: '2026-12-01T10:00:00Z',
          documentIds: [],
        },
      ],
    } as unknown as CaseDetail;
    const { container } = renderPage(<CaseMessages kase={kase} />);
    expect(await screen.findByText(HOSTILE)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
