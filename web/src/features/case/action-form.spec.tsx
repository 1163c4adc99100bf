import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { InputDefinition } from '../../shared/procedure/definition';
import { ActionForm, type ActionOutcome } from './action-form';

const appeal = {
  id: 'appeal-to-director',
  label: { nl: 'In beroep bij de directeur', en: 'Appeal to the director' },
  inputs: [
    {
      kind: 'motivation',
      id: 'why',
      label: { nl: 'Waarom bent u het niet eens', en: 'Why you disagree' },
      minLength: 10,
      maxLength: 10_000,
    },
    {
      kind: 'choice',
      id: 'route',
      label: { nl: 'Hoe verder', en: 'How to go on' },
      required: true,
      options: [
        { value: 'intern', label: { nl: 'Binnen de organisatie', en: 'Within the organisation' } },
        { value: 'extern', label: { nl: 'Bij de commissie', en: 'With the committee' } },
      ],
    },
    {
      kind: 'date',
      id: 'since',
      label: { nl: 'Sinds wanneer', en: 'Since when' },
      required: false,
      notInFuture: true,
    },
  ] satisfies InputDefinition[],
};

function renderForm(
  submit: (payload: Record<string, unknown>) => Promise<ActionOutcome>,
  language: 'nl' | 'en' = 'nl',
) {
  return renderPage(
    <ActionForm
      action={appeal}
      documents={[]}
      uploadRules={{ maxBytes: 10_485_760, extensions: ['pdf', 'png'] }}
      upload={vi.fn()}
      submit={submit}
      today="2026-12-01"
    />,
    { language },
  );
}

describe('a form generated from availableActions', () => {
  it('asks each typed input with its label from the procedure, in the reader’s language', async () => {
    renderForm(vi.fn());
    expect(await screen.findByLabelText('Waarom bent u het niet eens')).toBeTruthy();
    const choice = screen.getByRole('group', { name: 'Hoe verder' });
    expect(
      within(choice)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['intern', 'extern']);
    expect(screen.getByLabelText('Sinds wanneer').getAttribute('type')).toBe('date');
    expect(screen.getByRole('button', { name: 'In beroep bij de directeur' })).toBeTruthy();
  });

  it('checks the inputs as the engine does, sums the problems up on top and ties each to its field', async () => {
    const submit = vi.fn<(payload: Record<string, unknown>) => Promise<ActionOutcome>>();
    renderForm(submit);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Waarom bent u het niet eens'), 'te kort');
    await user.type(screen.getByLabelText('Sinds wanneer'), '2027-01-01');
    await user.click(screen.getByRole('button', { name: 'In beroep bij de directeur' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading').textContent).toBe('Er is iets niet goed ingevuld');
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'Schrijf bij Waarom bent u het niet eens minstens 10 tekens.',
      'Maak een keuze bij Hoe verder.',
      'De datum bij Sinds wanneer mag niet na vandaag liggen.',
    ]);
    expect(document.activeElement).toBe(summary);
    const why = screen.getByLabelText('Waarom bent u het niet eens');
    expect(why.getAttribute('aria-invalid')).toBe('true');
    const described = why.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain(
      'minstens 10 tekens',
    );
    // A link in the summary takes the person to the field.
    await user.click(within(summary).getAllByRole('link')[0]!);
    expect(document.activeElement).toBe(why);
    expect(submit).not.toHaveBeenCalled();
  });

  it('sends only what was given, in the engine’s shape', async () => {
    const submit = vi.fn(async () => ({ kind: 'done' }) as const);
    renderForm(submit);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText('Waarom bent u het niet eens'),
      '  De uitkomst klopt niet.  ',
    );
    await user.click(screen.getByLabelText('Bij de commissie'));
    await user.click(screen.getByRole('button', { name: 'In beroep bij de directeur' }));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit).toHaveBeenCalledWith({ why: 'De uitkomst klopt niet.', route: 'extern' });
  });

  it('shows the engine’s refusal next to the field it is about, and the rest on top', async () => {
    const submit = vi.fn(async (): Promise<ActionOutcome> => ({
      kind: 'refused',
      reasons: [
        {
          input: 'why',
          message: { nl: 'De motivering is niet duidelijk.', en: 'The motivation is unclear.' },
        },
        { input: null, message: { nl: 'De termijn is voorbij.', en: 'The term has passed.' } },
      ],
    }));
    renderForm(submit);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText('Waarom bent u het niet eens'),
      'Ik ben het oneens.',
    );
    await user.click(screen.getByLabelText('Binnen de organisatie'));
    await user.click(screen.getByRole('button', { name: 'In beroep bij de directeur' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('De termijn is voorbij.');
    expect(within(summary).getByRole('link').textContent).toBe('De motivering is niet duidelijk.');
    const why = screen.getByLabelText('Waarom bent u het niet eens');
    expect(why.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps everything typed when someone else acted first', async () => {
    const submit = vi.fn(async (): Promise<ActionOutcome> => ({ kind: 'conflict' }));
    renderForm(submit);
    const user = userEvent.setup();
    const why = await screen.findByLabelText('Waarom bent u het niet eens');
    await user.type(why, 'Een lange uitleg die niet verloren mag gaan.');
    await user.click(screen.getByLabelText('Bij de commissie'));
    await user.click(screen.getByRole('button', { name: 'In beroep bij de directeur' }));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('Iemand anders heeft de klacht net gewijzigd');
    expect((why as HTMLTextAreaElement).value).toBe('Een lange uitleg die niet verloren mag gaan.');
    expect((screen.getByLabelText('Bij de commissie') as HTMLInputElement).checked).toBe(true);
  });

  it('speaks English when the reader chose it, labels included', async () => {
    renderForm(vi.fn(), 'en');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Appeal to the director' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading').textContent).toBe(
      'Something is not filled in correctly',
    );
    expect(summary.textContent).toContain('Make a choice for How to go on.');
  });
});
