import { describe, expect, it } from 'vitest';
import type { Me, MembershipView } from '../auth/auth.graphql';
import { needsVerificationFor, organisationToEnter } from './organisation-choice';

function membership(slug: string, overrides: Partial<MembershipView> = {}): MembershipView {
  return {
    organisationId: `id-${slug}`,
    slug,
    name: slug,
    kind: 'care',
    roles: ['CONFIDANT'],
    mfaRequiredForStaff: false,
    ...overrides,
  };
}

function me(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u',
    email: 'u@example.org',
    displayName: 'U',
    language: null,
    mfaEnabled: false,
    sessionMfaVerified: false,
    memberships: [],
    activeOrganisation: null,
    ...overrides,
  };
}

describe('organisationToEnter', () => {
  const mo = membership('mo');
  const vt = membership('veilig-thuis');

  it('enters the only organisation without asking', () => {
    expect(organisationToEnter([mo], null)).toBe(mo);
  });

  it('asks when there are several and no earlier choice', () => {
    expect(organisationToEnter([mo, vt], null)).toBeUndefined();
  });

  it('returns to the organisation chosen earlier in this tab', () => {
    expect(organisationToEnter([mo, vt], 'veilig-thuis')).toBe(vt);
  });

  it('ignores an earlier choice the user is no longer a member of', () => {
    expect(organisationToEnter([mo, vt], 'gone')).toBeUndefined();
  });
});

describe('needsVerificationFor', () => {
  const strict = { mfaRequiredForStaff: true };

  it.each([
    [
      'staff, required, not verified',
      membership('a', { ...strict, roles: ['HANDLER'] }),
      false,
      true,
    ],
    ['staff, required, verified', membership('a', { ...strict, roles: ['DIRECTOR'] }), true, false],
    ['staff, not required', membership('a', { roles: ['MANAGER'] }), false, false],
    ['confidant, required', membership('a', { ...strict, roles: ['CONFIDANT'] }), false, false],
    ['client, required', membership('a', { ...strict, roles: ['CLIENT'] }), false, false],
  ])('%s', (_case, target, verified, expected) => {
    expect(needsVerificationFor(target, me({ sessionMfaVerified: verified }))).toBe(expected);
  });
});
