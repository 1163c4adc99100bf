import { loadTemplate } from '@klachtpad/procedures';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient } from '../../test/render';
import { IntakeForm } from './file-complaint-page';
import { intakeSteps, outsideWindow, windowEnds } from './intake-steps';

const RULES = {
  data: {
    documentUploadRules: { maxBytes: 10_485_760, extensions: ['pdf', 'png', 'jpg', 'txt', 'docx'] },
  },
};

function filedAnswer() {
  return {
    data: {
      fileComplaint: {
        __typename: 'CaseChanged',
        case: {
          id: 'case-1',
          reference: 'BM-2026-0042',
          warnings: [],
          deadlines: [
            {
              clock: 'melding',
              label: 'Reactietermijn',
              due: '2026-12-15',
              explanation: '15-12-2026 = ontvangen 01-12-2026 + 2 weken',
            },
          ],
        },
      },
    },
  };
}

describe('the guided intake generated from a procedure', () => {
  it('asks only the questions the procedure needs, one per step', () => {
    expect(intakeSteps(loadTemplate('bureau-mhr'), 'client')).toEqual([
      'parts',
      'date',
      'about',
      'wish',
      'attachments',
      'check',
    ]);
    // Several kinds of complainant, ways in (the contact person, the form, the FG) and categories:
    // asked; a confidant first says for whom.
    expect(intakeSteps(loadTemplate('ondersteuningsteam'), 'confidant')).toEqual([
      'client',
      'complainant',
      'entry',
      'category',
      'parts',
      'date',
      'about',
      'wish',
      'attachments',
      'check',
    ]);
    expect(intakeSteps(loadTemplate('mo'), 'client').slice(0, 2)).toEqual(['entry', 'category']);
  });

  it('works out the filing window as the procedure states it, and never blocks a late complaint', () => {
    const mhr = loadTemplate('bureau-mhr');
    expect(windowEnds('2026-08-31', { amount: 3, unit: 'months' })).toBe('2026-11-30');
    expect(
      outsideWindow(
        mhr,
        { complainant: 'client', eventDate: '2026-09-02', lastContactDate: '' },
        '2026-12-01',
      ),
    ).toBe(false);
    expect(
      outsideWindow(
        mhr,
        { complainant: 'client', eventDate: '2026-08-01', lastContactDate: '' },
        '2026-12-01',
      ),
    ).toBe(true);
  });

  it('walks a bureau-mhr client through every step, says the window beforehand, and files', async () => {
    const { client, calls } = testClient({
      UploadRules: RULES,
      FileComplaint: filedAnswer(),
      FirstMessage: { data: { postMessage: { id: 'm1' } } },
    });
    const { router } = renderPage(
      <IntakeForm definition={loadTemplate('bureau-mhr')} filer="client" clients={[]} />,
      {
        client,
        path: '/klachten/nieuw',
        route: '/klachten/nieuw',
      },
    );
    const user = userEvent.setup();

    // Step 1: nothing written yet is refused, next to the field and on top.
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Waar gaat uw klacht over?' }),
    ).toBeTruthy();
    expect(screen.getByText('Vraag 1 van 6')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Schrijf waar dit onderdeel van uw klacht over gaat.',
    );
    await waitFor(() =>
      expect(document.title).toBe('Fout: Waar gaat uw klacht over? – Klacht indienen – Klachtpad'),
    );
    await user.type(
      screen.getByLabelText('Onderdeel 1'),
      'Mijn begeleider kwam niet op de afspraak.',
    );
    await user.click(screen.getByRole('button', { name: 'Nog een onderdeel toevoegen' }));
    await user.type(screen.getByLabelText('Onderdeel 2'), 'Niemand belde af.');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Step 2: the window in words before the date; a late date is told, not refused.
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Wanneer is het gebeurd?' }),
    ).toBeTruthy();
    expect(router.state.location.search).toBe('?stap=date');
    expect(screen.getByText(/tot 3 maanden nadat het is gebeurd/)).toBeTruthy();
    expect(screen.getByText(/kunt u de klacht toch indienen/)).toBeTruthy();
    await user.type(screen.getByLabelText('Datum van wat er gebeurd is'), '2020-01-10');
    expect((await screen.findAllByText(/valt buiten de termijn/)).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Step 3: about whom, with the procedure's own flag.
    await screen.findByRole('heading', { level: 2, name: 'Over wie gaat uw klacht?' });
    await user.click(screen.getByLabelText('De klacht gaat over de directie of het bestuur'));
    await user.type(
      screen.getByLabelText('Over wie of wat gaat het? (niet verplicht)'),
      'Mijn begeleider',
    );
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByRole('heading', { level: 2, name: 'Wat wilt u dat er gebeurt?' });
    await user.type(screen.getByLabelText('Wat wilt u dat er gebeurt?'), 'Een gesprek.');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Step 5: the limits are said before choosing a file.
    await screen.findByRole('heading', { level: 2, name: 'Wilt u bestanden meesturen?' });
    expect(screen.getByText(/PDF, PNG, JPG, TXT, DOCX.*maximaal 10 MB/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Check your answers, then send.
    await screen.findByRole('heading', { level: 2, name: 'Controleer uw antwoorden' });
    const review = document.querySelector('dl.review')!;
    expect(review.textContent).toContain('Mijn begeleider kwam niet op de afspraak.');
    expect(review.textContent).toContain('10 januari 2020');
    expect(screen.getAllByText(/valt buiten de termijn/).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Klacht indienen' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Uw klacht is ingediend' }),
    ).toBeTruthy();
    expect(screen.getByText('BM-2026-0042')).toBeTruthy();
    expect(screen.getByText(/15-12-2026 = ontvangen 01-12-2026 \+ 2 weken/)).toBeTruthy();
    const filing = calls.find((call) => call.name === 'FileComplaint');
    expect(filing?.variables).toEqual({
      input: {
        complainant: 'client',
        entry: 'melding',
        parts: [
          { summary: 'Mijn begeleider kwam niet op de afspraak.' },
          { summary: 'Niemand belde af.' },
        ],
        eventDate: '2020-01-10',
        flags: ['tegen-directie'],
      },
      language: 'NL',
    });
    const note = calls.find((call) => call.name === 'FirstMessage');
    expect(note?.variables).toEqual({
      input: {
        caseId: 'case-1',
        body: 'Over wie de klacht gaat: Mijn begeleider\n\nWat ik graag wil: Een gesprek.',
        visibility: 'SHARED',
      },
    });
  });

  it('asks a kleine-ontmoeting client, with what they want, whether they want to hear what was done', async () => {
    const { client, calls } = testClient({
      UploadRules: RULES,
      FileComplaint: filedAnswer(),
      FirstMessage: { data: { postMessage: { id: 'm1' } } },
    });
    renderPage(
      <IntakeForm definition={loadTemplate('kleine-ontmoeting')} filer="client" clients={[]} />,
      { client, path: '/klachten/nieuw', route: '/klachten/nieuw' },
    );
    const user = userEvent.setup();
    const next = () => user.click(screen.getByRole('button', { name: 'Volgende' }));

    await screen.findByRole('heading', {
      level: 2,
      name: 'Hoe wilt u dat uw klacht wordt behandeld?',
    });
    await user.click(screen.getByLabelText('Klacht bij de begeleider'));
    await next();
    await user.type(await screen.findByLabelText('Onderdeel 1'), 'Mijn rooster werd niet gedeeld.');
    await next();
    await screen.findByRole('heading', { level: 2, name: 'Wanneer is het gebeurd?' });
    await next();
    // The wish is no circumstance of the complaint: "about whom" does not ask it…
    await screen.findByRole('heading', { level: 2, name: 'Over wie gaat uw klacht?' });
    expect(screen.queryByLabelText('Ik wil horen wat er met mijn klacht is gedaan')).toBeNull();
    await next();
    // …what the client wants does.
    await screen.findByRole('heading', { level: 2, name: 'Wat wilt u dat er gebeurt?' });
    await user.click(screen.getByLabelText('Ik wil horen wat er met mijn klacht is gedaan'));
    await next();
    await screen.findByRole('heading', { level: 2, name: 'Wilt u bestanden meesturen?' });
    await next();
    await screen.findByRole('heading', { level: 2, name: 'Controleer uw antwoorden' });
    expect(document.querySelector('dl.review')!.textContent).toContain(
      'Ik wil horen wat er met mijn klacht is gedaan',
    );
    await user.click(screen.getByRole('button', { name: 'Klacht indienen' }));
    await screen.findByRole('heading', { level: 1, name: 'Uw klacht is ingediend' });
    expect(calls.find((call) => call.name === 'FileComplaint')?.variables).toEqual({
      input: {
        complainant: 'client',
        entry: 'begeleider',
        parts: [{ summary: 'Mijn rooster werd niet gedeeld.' }],
        flags: ['wil-terugkoppeling'],
      },
      language: 'NL',
    });
  });

  it('shows the API’s validation next to its field, on the step that asks it', async () => {
    const refused = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Controleer de invoer', {
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ path: 'parts.0.summary', message: 'Bevat een ongeldig teken.' }],
          },
        }),
      ],
    });
    const { client } = testClient({ UploadRules: RULES, FileComplaint: { error: refused } });
    renderPage(<IntakeForm definition={loadTemplate('awb9')} filer="client" clients={[]} />, {
      client,
      path: '/klachten/nieuw',
      route: '/klachten/nieuw',
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Onderdeel 1'), 'Niet teruggebeld.');
    for (const next of [
      'Wanneer is het gebeurd?',
      'Over wie gaat uw klacht?',
      'Wat wilt u dat er gebeurt?',
      'Wilt u bestanden meesturen?',
      'Controleer uw antwoorden',
    ]) {
      await user.click(screen.getByRole('button', { name: 'Volgende' }));
      await screen.findByRole('heading', { level: 2, name: next });
    }
    await user.click(screen.getByRole('button', { name: 'Klacht indienen' }));

    const heading = await screen.findByRole('heading', {
      level: 2,
      name: 'Waar gaat uw klacht over?',
    });
    expect(heading).toBeTruthy();
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Niet alles is goed ingevuld.');
    expect(within(summary).getByRole('link').textContent).toBe('Bevat een ongeldig teken.');
    const field = screen.getByLabelText('Onderdeel 1');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect((field as HTMLTextAreaElement).value).toBe('Niet teruggebeld.');
    expect(document.title.startsWith('Fout: ')).toBe(true);
  });
});

describe('the intake for a confidant', () => {
  it('first asks for whom, from the clients who authorised them', async () => {
    const { client } = testClient({ UploadRules: RULES });
    renderPage(
      <IntakeForm
        definition={loadTemplate('mo')}
        filer="confidant"
        clients={[
          { id: 'c1', name: 'Cliënt Een' },
          { id: 'c2', name: 'Cliënt Twee' },
        ]}
      />,
      { client, path: '/klachten/nieuw', route: '/klachten/nieuw' },
    );
    const question = await screen.findByRole('group', { name: 'Voor wie dient u de klacht in?' });
    expect(within(question).getAllByRole('radio')).toHaveLength(2);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Kies voor wie u de klacht indient.'),
    );
  });
});
