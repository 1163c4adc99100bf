import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { arrangeOrganisation, type ArrangedOrganisation } from '../../../test/harness.js';
import { createOrm } from '../../orm.js';
import type { Orm } from './orm.js';
import { DB_ROLES } from './roles.js';

/**
 * The database wall on its own: what the runtime role can and cannot do with raw SQL, whatever
 * the application code does.
 */
describe('tenant isolation in PostgreSQL', () => {
  const database = inject('database');
  let ownerOrm: Orm;
  let runtime: pg.Client;
  let owner: pg.Client;
  let a: ArrangedOrganisation;
  let b: ArrangedOrganisation;

  beforeAll(async () => {
    ownerOrm = await createOrm(database.migrationUrl, 2);
    a = await arrangeOrganisation(ownerOrm, { director: ['director'], client: ['client'] });
    b = await arrangeOrganisation(ownerOrm, { director: ['director'] });
    runtime = new pg.Client({ connectionString: database.runtimeUrl });
    owner = new pg.Client({ connectionString: database.migrationUrl });
    await runtime.connect();
    await owner.connect();
  });

  afterAll(async () => {
    await runtime.end();
    await owner.end();
    await ownerOrm.close(true);
  });

  async function tenantTables(): Promise<string[]> {
    const result = await owner.query<{ table_name: string }>(`
      select c.table_name from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'organisation_id' and t.table_type = 'BASE TABLE'
      order by 1`);
    // The operators' security log (ADR 0068) is the platform's, not a tenant's: its
    // organisation_id names where an attempt aimed, and the runtime role may only append to it
    // (no read, change or delete: security-log.int.spec.ts proves it).
    const platformTables = new Set(['security_events']);
    return result.rows.map((row) => row.table_name).filter((name) => !platformTables.has(name));
  }

  /** Runs statements in one transaction as the runtime role with the given scope; rolls back. */
  async function asRuntime<T>(
    scope: { organisationId?: string; userId?: string; signInEmail?: string },
    work: () => Promise<T>,
  ) {
    await runtime.query('begin');
    try {
      await runtime.query(
        `select set_config('app.organisation_id', $1, true), set_config('app.user_id', $2, true),
                set_config('app.sign_in_email', $3, true)`,
        [scope.organisationId ?? '', scope.userId ?? '', scope.signInEmail ?? ''],
      );
      return await work();
    } finally {
      await runtime.query('rollback');
    }
  }

  it('has tenant tables to protect', async () => {
    expect(await tenantTables()).toEqual(
      expect.arrayContaining(['memberships', 'procedure_versions']),
    );
  });

  it('enables and forces row-level security with a policy for every command on every tenant table', async () => {
    for (const table of await tenantTables()) {
      const rls = await owner.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        `select relrowsecurity, relforcerowsecurity from pg_class where oid = $1::regclass`,
        [table],
      );
      expect(rls.rows[0], table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
      const policies = await owner.query<{ cmd: string }>(
        `select distinct cmd from pg_policies where schemaname = 'public' and tablename = $1`,
        [table],
      );
      expect(policies.rows.map((row) => row.cmd).sort(), table).toEqual([
        'DELETE',
        'INSERT',
        'SELECT',
        'UPDATE',
      ]);
    }
  });

  it('keys every tenant table, its unique constraints and its tenant foreign keys on organisation_id', async () => {
    const tenant = new Set(await tenantTables());
    const constraints = await owner.query<{
      table: string;
      type: string;
      columns: string[];
      target: string | null;
    }>(`
      select con.conrelid::regclass::text as table, con.contype as type,
             array(select att.attname from unnest(con.conkey) k join pg_attribute att
                   on att.attrelid = con.conrelid and att.attnum = k)::text[] as columns,
             con.confrelid::regclass::text as target
      from pg_constraint con
      where con.connamespace = 'public'::regnamespace and con.contype in ('p', 'u', 'f')`);
    for (const row of constraints.rows.filter((r) => tenant.has(r.table))) {
      const leadsToTenant = row.type !== 'f' || (row.target !== null && tenant.has(row.target));
      if (leadsToTenant)
        expect(row.columns, `${row.table} ${row.type}`).toContain('organisation_id');
    }
    const indexes = await owner.query<{ table: string; def: string }>(`
      select tablename as table, indexdef as def from pg_indexes
      where schemaname = 'public' and indexdef like 'CREATE UNIQUE%'`);
    for (const row of indexes.rows.filter((r) => tenant.has(r.table))) {
      expect(row.def, row.table).toContain('organisation_id');
    }
  });

  it('runs every view over tenant data with the caller’s rights, so row-level security applies', async () => {
    const views = await owner.query<{ name: string; options: string[] | null }>(`
      select c.relname as name, c.reloptions as options from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'`);
    expect(views.rows.length).toBeGreaterThan(0);
    for (const view of views.rows) {
      expect(view.options ?? [], view.name).toContain('security_invoker=true');
    }
  });

  it('connects as a role that owns nothing and can neither act as superuser nor bypass RLS', async () => {
    const who = await runtime.query<{ current_user: string }>('select current_user');
    const runtimeUser = who.rows[0]!.current_user;
    expect(runtimeUser).toBe(DB_ROLES.runtimeLogin);
    const roles = await owner.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      `select r.rolname, r.rolsuper, r.rolbypassrls from pg_roles r
       where pg_has_role($1, r.oid, 'member')`,
      [runtimeUser],
    );
    expect(roles.rows.map((r) => r.rolname).sort()).toEqual(
      [DB_ROLES.runtimeLogin, DB_ROLES.runtime].sort(),
    );
    for (const role of roles.rows)
      expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(
      `select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
       where r.rolname = any($1) and c.relnamespace = 'public'::regnamespace`,
      [roles.rows.map((r) => r.rolname)],
    );
    expect(owned.rows).toEqual([]);
  });

  it('returns no tenant rows to a raw SELECT without a scope', async () => {
    for (const table of [...(await tenantTables()), 'users', 'sessions', 'password_resets']) {
      const rows = await asRuntime({}, () => runtime.query(`select * from ${table}`));
      expect(rows.rowCount, table).toBe(0);
    }
  });

  it('lets the runtime role read no member’s secrets, column by column', async () => {
    const privileges = async (table: string, privilege: string) =>
      (
        await owner.query<{ column_name: string }>(
          `select column_name from information_schema.columns
           where table_schema = 'public' and table_name = $1
             and has_column_privilege($2, format('public.%I', $1), column_name, $3)
           order by 1`,
          [table, DB_ROLES.runtime, privilege],
        )
      ).rows.map((row) => row.column_name);
    // Every member of an organisation may read these of each other; none of them is a secret.
    expect(await privileges('users', 'select')).toEqual([
      'created_at',
      'disabled_at',
      'disabled_by',
      'display_name',
      'email',
      'failed_sign_ins',
      'id',
      'language',
      'locked_until',
      'mfa_enabled_at',
    ]);
    // The secrets' own table: not one column to read, add or change.
    for (const privilege of ['select', 'insert', 'update', 'references'])
      expect(await privileges('user_secrets', privilege), privilege).toEqual([]);

    const director = a.people.director!;
    const client = a.people.client!;
    await asRuntime({ organisationId: a.id, userId: director.id }, async () => {
      await expect(runtime.query('select * from user_secrets')).rejects.toThrow(
        /permission denied/,
      );
    });
    const hashIn = (scope: Parameters<typeof asRuntime>[0]) =>
      asRuntime(scope, async () => {
        const result = await runtime.query<{ hash: string | null }>(
          'select app.sign_in_password_hash() as hash',
        );
        return result.rows[0]!.hash;
      });
    // Signing in to the client's own account reaches its hash, and nothing else does: not a
    // member of its organisation, not a signed-in user naming its address.
    expect(await hashIn({ signInEmail: client.email })).toMatch(/^\$argon2id\$/);
    expect(await hashIn({ organisationId: a.id, signInEmail: client.email })).toBeNull();
    expect(await hashIn({ userId: director.id, signInEmail: client.email })).toBeNull();
    expect(await hashIn({ organisationId: a.id, userId: director.id })).toBeNull();
    // The TOTP functions answer for the user in scope only, and for nobody without one.
    await owner.query(`update user_secrets set totp_secret = 'v1.sealed' where user_id = $1`, [
      client.id,
    ]);
    const totpOf = (scope: Parameters<typeof asRuntime>[0]) =>
      asRuntime(scope, async () => {
        const result = await runtime.query<{ secret: string | null }>(
          'select secret from app.own_totp()',
        );
        return result.rows[0]?.secret ?? null;
      });
    expect(await totpOf({ organisationId: a.id, userId: client.id })).toBe('v1.sealed');
    expect(await totpOf({ organisationId: a.id, userId: director.id })).toBeNull();
    expect(await totpOf({ organisationId: a.id })).toBeNull();
  });

  it('returns only the scoped organisation’s rows', async () => {
    const rows = await asRuntime({ organisationId: a.id }, () =>
      runtime.query<{ organisation_id: string }>('select organisation_id from memberships'),
    );
    expect(rows.rowCount).toBe(2);
    expect(new Set(rows.rows.map((r) => r.organisation_id))).toEqual(new Set([a.id]));
  });

  it('refuses an INSERT carrying another organisation’s id', async () => {
    const attempt = asRuntime({ organisationId: a.id }, () =>
      runtime.query(
        `insert into procedure_versions (organisation_id, id, version, definition, published_by)
         values ($1, $2, 1, '{}', $3)`,
        [b.id, randomUUID(), b.people.director!.id],
      ),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('rejects a foreign key that points into another organisation', async () => {
    // In scope of A, naming B's director as the publisher: the composite key cannot match.
    const attempt = asRuntime({ organisationId: a.id }, () =>
      runtime.query(
        `insert into procedure_versions (organisation_id, id, version, definition, published_by)
         values ($1, $2, 1, '{}', $3)`,
        [a.id, randomUUID(), b.people.director!.id],
      ),
    );
    await expect(attempt).rejects.toThrow(/foreign key/);
  });

  it('cannot move a row into another organisation by UPDATE', async () => {
    const attempt = asRuntime({ organisationId: a.id }, () =>
      runtime.query('update memberships set organisation_id = $1 where user_id = $2', [
        b.id,
        a.people.client!.id,
      ]),
    );
    await expect(attempt).rejects.toThrow(/row-level security|foreign key/);
  });

  it('does not keep the scope after the transaction ends', async () => {
    await asRuntime({ organisationId: a.id }, async () => undefined);
    const rows = await runtime.query('select * from memberships');
    expect(rows.rowCount).toBe(0);
  });
});
