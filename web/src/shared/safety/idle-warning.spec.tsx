import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dutch } from '../../app/catalogues';
import { createI18n } from '../i18n/i18n';
import { IdleWarning } from './idle-warning';

describe('the idle time-out', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function renderWarning() {
    const onTimeout = vi.fn();
    const onStay = vi.fn();
    render(
      <I18nextProvider i18n={createI18n('nl', { nl: dutch })}>
        <IdleWarning idleMinutes={15} warnMinutes={2} onTimeout={onTimeout} onStay={onStay} />
      </I18nextProvider>,
    );
    return { onTimeout, onStay };
  }

  it('warns two minutes before, and signs out when nobody answers', () => {
    const { onTimeout } = renderWarning();
    act(() => vi.advanceTimersByTime(12 * 60_000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => vi.advanceTimersByTime(60_000));
    const dialog = screen.getByRole('alertdialog', { name: 'Bent u er nog?' });
    expect(dialog.textContent).toContain('Over 2 minuten wordt u uitgelogd');
    expect(document.activeElement?.textContent).toBe('Ingelogd blijven');
    expect(onTimeout).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('starts over on activity, and when the person stays', () => {
    const { onTimeout, onStay } = renderWarning();
    act(() => vi.advanceTimersByTime(10 * 60_000));
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    act(() => vi.advanceTimersByTime(10 * 60_000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => vi.advanceTimersByTime(3 * 60_000));
    act(() => screen.getByRole('button', { name: 'Ingelogd blijven' }).click());
    expect(onStay).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => vi.advanceTimersByTime(14 * 60_000));
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
