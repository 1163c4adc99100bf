import { loadTemplate } from '@klachtpad/procedures';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient, testSession } from '../../test/render';
import { ProcedureEditorPage } from './procedure-editor-page';
import { ProcedurePage } from './procedure-page';

/** De Kleine Ontmoeting's procedure (Wkkgz), published as version 1. */
function overview() {
  const definition = { ...loadTemplate('kleine-ontmoeting'), version: 1 };
  return {
    procedure: {
      id: 'version-1',
      procedureId: definition.id,
      version: 1,
      regime: 'wkkgz',
      label: definition.label,
      definition,
      diagram: 'stateDiagram-v2\n  a --> b\n',
      explanation: '# Klachtenregeling (versie 1)\n\n## Termijnen\n- Beslistermijn: 6 weken',
      publishedAt: '2026-11-02T09:00:00.000Z',
    },
  };
}

const rejected = {
  publishProcedure: {
    __typename: 'ProcedureRejected',
    findings: [
      {
        code: 'regime-decision-term-too-long',
        severity: 'error',
        path: 'clocks[0].duration',
        message: 'Decision clock "beslistermijn" runs 8 weeks; Wkkgz allows at most 6 weeks.',
      },
    ],
  },
};

const published = {
  publishProcedure: {
    __typename: 'ProcedurePublished',
    procedure: { id: 'version-2', version: 2, publishedAt: '2026-12-02T10:00:00.000Z' },
    findings: [],
  },
};

const director = () => testSession({ roles: ['director'] });

/** The fieldset of one term, found by its name. */
async function term(name: string) {
  return within((await screen.findByRole('group', { name })) as HTMLElement);
}

afterEach(() => vi.restoreAllMocks());

describe('the procedure editor', () => {
  it('shows the validator’s finding at the term it concerns as the director types, and drops it once fixed', async () => {
    const { client } = testClient({ ProcedureDraft: { data: overview() } });
    renderPage(<ProcedureEditorPage />, { client, session: director() });
    expect(await screen.findByText('Gecontroleerd: geen problemen.')).toBeTruthy();
    const decision = await term('Beslistermijn (Wkkgz)');
    const amount = decision.getAllByLabelText('Aantal')[0] as HTMLInputElement;
    expect(amount.value).toBe('6');

    fireEvent.change(amount, { target: { value: '8' } });
    const reason = await decision.findByText(
      'Deze beslistermijn is langer dan het wettelijk kader toestaat.',
    );
    // The finding is read with the field: the input points at the list that holds it.
    const list = reason.closest('ul')!;
    expect(amount.getAttribute('aria-describedby')).toBe(list.id);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(list.textContent).toContain('runs 8 weeks');
    expect(list.textContent).toContain('allows at most 6 weeks');
    expect(await screen.findByText('1 probleem en 0 waarschuwingen.')).toBeTruthy();
    // The other term says nothing.
    const other = await term('Termijn tweede vervolggesprek');
    expect(other.queryByText(/wettelijk kader/)).toBeNull();

    fireEvent.change(amount, { target: { value: '6' } });
    expect(await screen.findByText('Gecontroleerd: geen problemen.')).toBeTruthy();
    expect(decision.queryByText(/langer dan het wettelijk kader/)).toBeNull();
    expect(amount.getAttribute('aria-invalid')).toBeNull();
  });

  it('points at a field the form does not show from the JSON, with its path', async () => {
    const { client } = testClient({ ProcedureDraft: { data: overview() } });
    renderPage(<ProcedureEditorPage />, { client, session: director() });
    const json = (await screen.findByLabelText('Procedure als JSON')) as HTMLTextAreaElement;
    const draft = JSON.parse(json.value) as { roles: string[] };
    fireEvent.change(json, {
      target: { value: JSON.stringify({ ...draft, roles: [...draft.roles, 'janitor'] }) },
    });
    const problem = await screen.findByText('Deze rol bestaat niet in Klachtpad.');
    expect(problem.closest('li')!.textContent).toContain('bij roles[');
    expect(json.getAttribute('aria-describedby')).toContain(problem.closest('ul')!.id);

    fireEvent.change(json, { target: { value: '{ "format": ' } });
    expect(await screen.findByText(/Dit is geen geldige JSON/)).toBeTruthy();
    // The form waits for the JSON: nothing typed there could be lost.
    const fieldset = screen.getAllByLabelText('Aantal')[0]!.closest('fieldset.editor-section');
    expect((fieldset as HTMLFieldSetElement).disabled).toBe(true);
    expect(screen.getByText('Herstel eerst de JSON hieronder.')).toBeTruthy();
  });

  it('publishes the draft, and shows a regime’s refusal with its reasons and the way to the field', async () => {
    let answer: unknown = rejected;
    const { client, calls } = testClient({
      ProcedureDraft: { data: overview() },
      PublishProcedure: () => ({ data: answer }),
    });
    renderPage(<ProcedureEditorPage />, { client, session: director() });
    const decision = await term('Beslistermijn (Wkkgz)');
    const amount = decision.getAllByLabelText('Aantal')[0] as HTMLInputElement;
    fireEvent.change(amount, { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publiceren als versie 2' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Niet gepubliceerd' })).toBeTruthy();
    expect(alert.textContent).toContain('Niet toegestaan volgens de Wkkgz:');
    expect(alert.textContent).toContain('Wkkgz allows at most 6 weeks.');
    const sent = calls.find((call) => call.name === 'PublishProcedure')!.variables as {
      definition: { clocks: { duration: { amount: unknown } }[] };
    };
    expect(sent.definition.clocks[0]!.duration.amount).toBe(8);
    fireEvent.click(within(alert).getByRole('link'));
    expect(document.activeElement).toBe(amount);

    answer = published;
    fireEvent.change(amount, { target: { value: '6' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Publiceren als versie 2' }));
    expect(
      await screen.findByText('Versie 2 is gepubliceerd. Nieuwe klachten volgen deze versie.'),
    ).toBeTruthy();
  });

  it('is for directors only; a manager reads the procedure without a way to edit it', async () => {
    const { client } = testClient({ ProcedureDraft: { data: overview() } });
    renderPage(<ProcedureEditorPage />, { client, session: testSession({ roles: ['manager'] }) });
    expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeTruthy();

    const manager = testClient({ ProcedureOverview: { data: overview() } });
    renderPage(<ProcedurePage />, {
      client: manager.client,
      session: testSession({ roles: ['manager'] }),
    });
    expect(await screen.findByRole('heading', { name: 'Termijnen' })).toBeTruthy();
    expect(screen.getByText('Beslistermijn: 6 weken')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Procedure bewerken' })).toBeNull();
    expect(navigationFor(['manager']).map((item) => item.to)).toContain('/procedure');
    expect(navigationFor(['handler']).map((item) => item.to)).not.toContain('/procedure');
    expect(navigationFor(['client']).map((item) => item.to)).not.toContain('/procedure');
  });
});
