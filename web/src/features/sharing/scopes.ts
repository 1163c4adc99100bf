/** What a client can let a confidant do (the API's scopes); `view` always comes with a grant. */
export const SCOPES = ['view', 'draft', 'submit', 'receive-letters', 'attend-meetings'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** `view` is always part of what is granted, whatever was ticked. */
export function withView(scopes: readonly string[]): Scope[] {
  return [...new Set<Scope>(['view', ...scopes.filter(isScope)])];
}
