import { randomUUID } from 'node:crypto';
import { fileCase, parseProcedure, type Outcome } from '@klachtpad/procedures';
import type { MikroORM } from '@mikro-orm/postgresql';
import { withTenantTransaction } from '../src/core/db/tenant-session.js';
import { derivedColumns } from '../src/modules/cases/case-transition.js';
import { Case } from '../src/modules/cases/case.entity.js';
import { ProcedureVersion } from '../src/modules/procedures/procedure-version.entity.js';
import type { ArrangedOrganisation } from './harness.js';

export interface ArrangedCase {
  /** A category of the procedure, or null for a case without one (filed under an older version). */
  category: string | null;
  receivedOn: string;
  /** Days from receipt to closing; absent while open. */
  closedAfterDays?: number;
  outcomes: (Outcome | undefined)[];
  /** The procedure's way in; its first when absent. */
  entry?: string;
  /** Days from receipt to the decision clock's due date, where an extension moved it. */
  decisionDueAfterDays?: number;
  /** Whose case it is; the organisation's `client` when absent. */
  clientId?: string;
  handlerIds?: string[];
  commissionIds?: string[];
}

let arranged = 0;

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Puts cases straight into the database, filed by the engine under the organisation's current
 * procedure (so their clocks run as it says) and closed where asked: reports only count what the
 * cases hold, and years of history cannot be lived through in a test.
 */
export async function arrangeCases(
  ownerOrm: MikroORM,
  organisation: ArrangedOrganisation,
  cases: ArrangedCase[],
): Promise<string[]> {
  return withTenantTransaction(ownerOrm, { organisationId: organisation.id }, async (em) => {
    const version = await em.findOneOrFail(
      ProcedureVersion,
      { organisationId: organisation.id },
      { orderBy: { version: 'desc' } },
    );
    const definition = parseProcedure(version.definition);
    return cases.map((arrangedCase) => {
      const filed = fileCase(
        definition,
        {
          complainant: 'client',
          ...(arrangedCase.entry ? { entry: arrangedCase.entry } : {}),
          category: arrangedCase.category ?? definition.filing.categories[0]?.id,
          parts: arrangedCase.outcomes.map((_, part) => ({ summary: `Onderdeel ${part + 1}` })),
          receivedOn: arrangedCase.receivedOn,
        },
        `${arrangedCase.receivedOn}T10:00:00Z`,
      );
      if (!filed.ok) throw new Error(filed.refusal.code);
      const state = filed.state;
      state.parts.forEach((part, i) => {
        const outcome = arrangedCase.outcomes[i];
        if (outcome) Object.assign(part, { outcome, decidedOn: arrangedCase.receivedOn });
      });
      if (arrangedCase.decisionDueAfterDays !== undefined) {
        const decision = definition.clocks.find((clock) => clock.purpose === 'decision');
        const clock = decision && state.clocks[decision.id];
        if (!clock) throw new Error('The procedure starts no decision clock at filing');
        clock.due = plusDays(arrangedCase.receivedOn, arrangedCase.decisionDueAfterDays);
      }
      const closedOn =
        arrangedCase.closedAfterDays === undefined
          ? undefined
          : plusDays(arrangedCase.receivedOn, arrangedCase.closedAfterDays);
      if (closedOn) Object.assign(state, { closed: true, closedOn });
      const derived = derivedColumns(definition, state);
      const client = arrangedCase.clientId ?? organisation.people.client!.id;
      const id = randomUUID();
      em.create(Case, {
        organisationId: organisation.id,
        id,
        reference: `ARR-${arrangedCase.receivedOn.slice(0, 4)}-${String((arranged += 1)).padStart(5, '0')}`,
        procedureVersionId: version.id,
        clientId: client,
        filedById: client,
        channel: 'portal',
        category: arrangedCase.category,
        handlerIds: arrangedCase.handlerIds ?? [],
        releasedHandlerIds: [],
        subjectIds: [],
        confidantIds: [],
        commissionIds: arrangedCase.commissionIds ?? [],
        ...derived,
        // Closed here, not by the engine: its tracks stay as they were.
        ...(closedOn ? { stages: [], nextDueOn: null } : {}),
        createdAt: new Date(`${arrangedCase.receivedOn}T10:00:00Z`),
        updatedAt: new Date(`${arrangedCase.receivedOn}T10:00:00Z`),
      });
      return id;
    });
  });
}
