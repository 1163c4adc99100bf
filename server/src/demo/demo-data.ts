import { randomUUID } from 'node:crypto';
import { loadTemplate } from '@klachtpad/procedures';
import type { Role } from '@klachtpad/contracts';
import type { Orm } from '../core/db/orm.js';
import type { ServiceDeps } from '../request/act-as.js';
import { inOneTransaction, withTenantTransaction } from '../core/db/tenant-session.js';
import { hashPassword } from '../modules/auth/password.js';
import { CommissionLink } from '../modules/commissions/commission-link.entity.js';
import { ConfidantGrant } from '../modules/confidants/confidant-grant.entity.js';
import { Membership } from '../modules/memberships/membership.entity.js';
import {
  Organisation,
  type OrganisationKind,
} from '../modules/organisations/organisation.entity.js';
import { ProcedureVersion } from '../modules/procedures/procedure-version.entity.js';
import { createAccountAsOwner } from '../modules/users/account.js';
import { seedConfidantCaseGrants, seedDemoCases } from './demo-cases.js';

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'klachtpad-demo';

interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
}

/** One organisation per seed procedure, and the commission that serves several of them. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { slug: 'mo', name: 'Maatschappelijke Opvang De Haven', kind: 'care' },
  { slug: 'veilig-thuis', name: 'Veilig Thuis Regio Midden', kind: 'care' },
  { slug: 'kleine-ontmoeting', name: 'De Kleine Ontmoeting', kind: 'care' },
  { slug: 'bureau-mhr', name: 'Bureau Maatschappelijk Herstel en Rehabilitatie', kind: 'care' },
  { slug: 'ondersteuningsteam', name: 'Ondersteuningsteam Ouders en Kind', kind: 'care' },
  {
    slug: 'klachtencommissie',
    name: 'Onafhankelijke Klachtencommissie Zorg en Welzijn',
    kind: 'commission',
  },
];

/** Organisations whose procedure names an external commission: the demo commission serves them. */
export const COMMISSION_SERVES = ['mo', 'veilig-thuis', 'kleine-ontmoeting', 'bureau-mhr'];
/** Days a demo referral runs before it expires (about six months, a commission's usual term). */
export const DEMO_REFERRAL_TERM_DAYS = 182;
/** Organisations in which the demo confidant supports clients. */
export const CONFIDANT_SERVES = ['mo', 'veilig-thuis', 'ondersteuningsteam'];

interface DemoAccount {
  email: string;
  displayName: string;
  memberships: { slug: string; roles: Role[] }[];
}

function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  const care = DEMO_ORGANISATIONS.filter((o) => o.kind === 'care');
  const people: [string, string, Role][] = [
    ['client', 'Client', 'client'],
    ['client2', 'Tweede client', 'client'],
    ['handler', 'Klachtbehandelaar', 'handler'],
    // The employee the demo complaints are about: heard, never handling them.
    ['employee', 'Begeleider', 'handler'],
    ['manager', 'Leidinggevende', 'manager'],
    ['director', 'Directeur', 'director'],
  ];
  for (const organisation of care) {
    for (const [local, label, role] of people) {
      accounts.push({
        email: `${local}@${organisation.slug}.example`,
        displayName: `${label} (${organisation.name})`,
        memberships: [{ slug: organisation.slug, roles: [role] }],
      });
    }
  }
  accounts.push({
    email: 'member@klachtencommissie.example',
    displayName: 'Commissielid Klachtencommissie',
    memberships: [
      { slug: 'klachtencommissie', roles: ['commission'] },
      ...COMMISSION_SERVES.map((slug) => ({ slug, roles: ['commission'] as Role[] })),
    ],
  });
  accounts.push({
    email: 'confidant@vertrouwenspersonen.example',
    displayName: 'Vertrouwenspersoon',
    memberships: CONFIDANT_SERVES.map((slug) => ({ slug, roles: ['confidant'] as Role[] })),
  });
  return accounts;
}

/**
 * Loads the demo organisations and accounts when the database has no organisation yet.
 * Runs as the owner role (the platform operator's part) but still inside tenant scopes, so the
 * row-level security policies check every membership it writes.
 *
 * All of it is one transaction (issue 15): a start killed while loading (kill -9, a power cut)
 * leaves no organisation behind, so the next start finds the database empty and loads it all.
 */
export async function seedDemoIfEmpty(deps: ServiceDeps): Promise<boolean> {
  const existing = await withTenantTransaction(deps.orm, {}, (em) => em.count(Organisation, {}));
  if (existing > 0) return false;
  await inOneTransaction(deps.orm, () => seedDemo(deps));
  return true;
}

export async function seedDemo(deps: ServiceDeps, today = new Date()): Promise<void> {
  const ownerOrm = deps.orm;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organisationIds = new Map<string, string>();
  const accounts = demoAccounts();
  const userIds = new Map<string, string>();

  await withTenantTransaction(ownerOrm, {}, async (em) => {
    for (const demo of DEMO_ORGANISATIONS) {
      const id = randomUUID();
      organisationIds.set(demo.slug, id);
      // The demo runs without MFA so a newcomer can sign in at once (README); new
      // organisations default to requiring it.
      em.create(Organisation, {
        id,
        ...demo,
        mfaRequiredForStaff: false,
        handlerIntakeQueue: false,
        createdAt: new Date(),
      });
    }
    for (const account of accounts) {
      const id = randomUUID();
      userIds.set(account.email, id);
      await createAccountAsOwner(em, {
        id,
        email: account.email,
        displayName: account.displayName,
        passwordHash,
      });
    }
  });

  for (const [slug, organisationId] of organisationIds) {
    await withTenantTransaction(ownerOrm, { organisationId }, async (em) => {
      for (const account of accounts) {
        const membership = account.memberships.find((m) => m.slug === slug);
        if (!membership) continue;
        em.create(Membership, {
          organisationId,
          userId: userIds.get(account.email) ?? '',
          roles: membership.roles,
          createdAt: new Date(),
        });
      }
      // Memberships first: the procedure's publisher must be a member (composite foreign key).
      await em.flush();
      const demo = DEMO_ORGANISATIONS.find((o) => o.slug === slug);
      if (demo?.kind === 'care') {
        // Each demo organisation starts from the template of its own seed procedure.
        const definition = loadTemplate(slug);
        const director = userIds.get(`director@${slug}.example`) ?? '';
        em.create(ProcedureVersion, {
          organisationId,
          id: randomUUID(),
          version: 1,
          definition,
          publishedAt: new Date(),
          publishedBy: director,
        });
        // Every commission the procedure names is the demo commission where it serves.
        if (COMMISSION_SERVES.includes(slug)) {
          for (const commission of definition.commissions) {
            em.create(CommissionLink, {
              organisationId,
              procedureCommissionId: commission.id,
              commissionOrganisationId: organisationIds.get('klachtencommissie') ?? '',
              termDays: DEMO_REFERRAL_TERM_DAYS,
              updatedBy: director,
              updatedAt: new Date(),
            });
          }
        }
      }
    });
  }
  await seedConfidantAuthorisation(ownerOrm, organisationIds, userIds);

  // Complaints in every stage of each organisation's procedure, walked through the services.
  for (const demo of DEMO_ORGANISATIONS.filter((o) => o.kind === 'care')) {
    const id = (local: string) => userIds.get(`${local}@${demo.slug}.example`) ?? '';
    const commissionMember: Record<string, string> = COMMISSION_SERVES.includes(demo.slug)
      ? { commission: userIds.get('member@klachtencommissie.example') ?? '' }
      : {};
    await seedDemoCases(
      deps,
      loadTemplate(demo.slug),
      {
        slug: demo.slug,
        userIds: {
          client: id('client'),
          handler: id('handler'),
          manager: id('manager'),
          director: id('director'),
          subject: id('employee'),
          ...commissionMember,
        },
      },
      today,
    );
    deps.log.info({ organisation: demo.slug }, 'demo cases walked (committed with the rest)');
  }
  // The demo confidant supports a client in every organisation it serves, on real cases.
  for (const slug of CONFIDANT_SERVES) {
    await seedConfidantCaseGrants(deps, {
      slug,
      clientId: userIds.get(`client@${slug}.example`) ?? '',
      confidantId: userIds.get('confidant@vertrouwenspersonen.example') ?? '',
      today,
    });
  }
}

/**
 * The demo confidant may file for client@mo.example: sign in as the confidant, choose `mo` and
 * file a complaint with that client's id (README).
 */
async function seedConfidantAuthorisation(
  ownerOrm: Orm,
  organisationIds: Map<string, string>,
  userIds: Map<string, string>,
) {
  const organisationId = organisationIds.get('mo') ?? '';
  await withTenantTransaction(ownerOrm, { organisationId }, async (em) => {
    em.create(ConfidantGrant, {
      organisationId,
      id: randomUUID(),
      caseId: null,
      clientId: userIds.get('client@mo.example') ?? '',
      confidantId: userIds.get('confidant@vertrouwenspersonen.example') ?? '',
      scopes: ['view', 'submit', 'receive-letters', 'attend-meetings'],
      grantedAt: new Date(),
      revokedAt: null,
    });
  });
}
