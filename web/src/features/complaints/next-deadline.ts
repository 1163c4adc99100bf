import type { CaseSummary } from './complaints.graphql';

type Deadline = CaseSummary['deadlines'][number];

/** The running deadline that falls first: what a person most needs to know about time. */
export function nextDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  return [...deadlines]
    .filter((deadline) => deadline.status === 'running')
    .sort((a, b) => a.due.localeCompare(b.due))[0];
}
