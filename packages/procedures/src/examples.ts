import { PARTICIPANTS, type InputDefinition } from './definition.schema.js';
import type { PlainDate } from './calendar/plain-date.js';
import type { CaseState } from './state.js';

/**
 * A payload that satisfies an action's inputs, for demo data, route exploration and tests.
 * `variant` picks among choices and outcomes, so different variants explore different branches
 * (guards and extension rules may still refuse a given variant).
 */
export function examplePayload(
  inputs: readonly InputDefinition[],
  state: CaseState,
  today: PlainDate,
  variant = 0,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const input of inputs) {
    switch (input.kind) {
      case 'text':
        payload[input.id] = `Toelichting: ${input.label.nl}.`;
        break;
      case 'motivation':
        payload[input.id] =
          `Motivering bij ${input.label.nl.toLowerCase()}: besproken en vastgelegd.`;
        break;
      case 'date':
        payload[input.id] = today;
        break;
      case 'choice':
        payload[input.id] = input.options[variant % input.options.length]?.value;
        break;
      case 'complaint-parts':
        payload[input.id] = state.parts.map((part, index) => ({
          part: part.id,
          outcome: input.outcomes[(variant + index) % input.outcomes.length],
          reasoning: 'Afgewogen op grond van de gesprekken en de stukken.',
        }));
        break;
      case 'sign-off':
        payload[input.id] = input.participants.map((participant) => ({
          participant,
          name: `Ondertekend door ${participant}`,
          signedOn: today,
        }));
        break;
      case 'documents':
        // Placeholder ids, only as many as required: a server checks document ids against the
        // case, so whoever replays a payload with required documents uploads real ones first.
        payload[input.id] = Array.from({ length: input.min }, (_, i) => `stuk-${i + 1}`);
        break;
      case 'measures':
        payload[input.id] = [
          {
            description: 'Werkafspraken bespreken in het teamoverleg',
            owner: 'Leidinggevende',
            due: today,
          },
        ];
        break;
      case 'participants':
        payload[input.id] = Array.from({ length: Math.max(input.min, 1) }, (_, i) => ({
          name: `Commissielid ${i + 1}`,
          chair: i === 0,
          independent: true,
        }));
        break;
      case 'extension':
        payload[input.id] = {
          amount: 1 + (variant % 4),
          unit: 'weeks',
          noticeSentOn: today,
          noticeSentTo: [...PARTICIPANTS],
          ...(variant % 2 ? { consentRecordedOn: today } : {}),
        };
        break;
    }
  }
  return payload;
}
