import type { InputDefinition, ProcedureDefinition } from '@klachtpad/procedures';

/**
 * A route step's payload with real documents in place of its placeholder ids, one `upload` per
 * placeholder of each documents input the action has: the server accepts only documents of the
 * case the actor sees. The demo walks upload through the service, the tests through the API.
 */
export async function withStepDocuments(
  procedure: ProcedureDefinition,
  step: { action: string; payload: Record<string, unknown> },
  upload: (input: InputDefinition, index: number) => Promise<string>,
): Promise<Record<string, unknown>> {
  const action = procedure.actions.find((candidate) => candidate.id === step.action);
  const payload = { ...step.payload };
  for (const input of action?.inputs ?? []) {
    if (input.kind !== 'documents') continue;
    const placeholders = payload[input.id];
    const uploaded: string[] = [];
    for (const [i] of (Array.isArray(placeholders) ? placeholders : []).entries())
      uploaded.push(await upload(input, i));
    payload[input.id] = uploaded;
  }
  return payload;
}
