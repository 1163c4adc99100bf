import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { TenantTransaction } from './core/db/tenant-session.js';
import { AppError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { hashSessionToken, newSessionToken } from './modules/auth/session-token.js';
import {
  enterAsOperator,
  listOrganisations,
  onboardOrganisation,
  setAccountDisabled,
  type OperatorContext,
} from './modules/operators/operator.service.js';
import { readSecurityLog } from './modules/security-log/security-log.service.js';
import { createOrm, migrate } from './orm.js';

const USAGE = `pnpm admin <command>

  create-operator <name>         a platform operator and their token (printed once); needs the
                                 database owner's access (the server's data directory or
                                 MIGRATION_DATABASE_URL)
  revoke-operator <name>         the operator's token stops working at once
  create-organisation --name <name> --slug <slug> --regime <wkkgz|awb9|jeugdwet|wmo-own>
      --template <template> --director-email <address> --director-name <name> [--no-mfa]
                                 a care organisation and the invitation of its first director
  organisations                  the platform's organisations
  disable-account --email <address>
                                 the account signs in nowhere (answered like a wrong password)
                                 and every session of it ends at once
  enable-account --email <address>
                                 the account may sign in again
  security-log [--since <ISO time>] [--kind <kind>] [--organisation <id>] [--limit <n>]
                                 refused and suspicious attempts, newest first (the last day by
                                 default, at most 1000): access-denied, sign-in-failed,
                                 mfa-refused, rate-limited, malware-found; --organisation keeps
                                 one organisation's lines (its id, as \`organisations\` lists it)

create-organisation, organisations, disable-account, enable-account and security-log act as
the operator whose token is in
KLACHTPAD_OPERATOR_TOKEN, exactly as the operator API (/operator) does.`;

const config = loadConfig();
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    slug: { type: 'string' },
    regime: { type: 'string' },
    template: { type: 'string' },
    'director-email': { type: 'string' },
    email: { type: 'string' },
    since: { type: 'string' },
    kind: { type: 'string' },
    organisation: { type: 'string' },
    limit: { type: 'string' },
    'director-name': { type: 'string' },
    'no-mfa': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const [command, argument] = positionals;

/** Runs work as the operator of KLACHTPAD_OPERATOR_TOKEN, as the runtime role, in one transaction. */
async function asOperator<T>(
  runtimeUrl: string,
  work: (op: OperatorContext) => Promise<T>,
): Promise<T> {
  const orm = await createOrm(runtimeUrl, 1, config.dbTimeouts);
  const tx = await TenantTransaction.open(orm);
  try {
    const op = await enterAsOperator(tx, process.env.KLACHTPAD_OPERATOR_TOKEN, new Date());
    const result = await work(op);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    await orm.close(true);
  }
}

async function asOwner<T>(migrationUrl: string, work: (client: pg.Client) => Promise<T>) {
  await migrate(migrationUrl);
  const client = new pg.Client({ connectionString: migrationUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function run(database: { runtimeUrl: string; migrationUrl: string }): Promise<unknown> {
  switch (command) {
    case 'create-operator': {
      if (!argument) throw new AppError('BAD_USER_INPUT', 'Name the operator.');
      const token = newSessionToken();
      await asOwner(database.migrationUrl, (client) =>
        client.query(
          'insert into operators (id, name, token_hash, created_at) values ($1, $2, $3, now())',
          [randomUUID(), argument, hashSessionToken(token)],
        ),
      );
      return {
        operator: argument,
        token,
        note: 'Shown once: keep it as KLACHTPAD_OPERATOR_TOKEN.',
      };
    }
    case 'revoke-operator': {
      const revoked = await asOwner(database.migrationUrl, (client) =>
        client.query(
          'update operators set revoked_at = now() where name = $1 and revoked_at is null',
          [argument ?? ''],
        ),
      );
      if (revoked.rowCount !== 1) throw new AppError('NOT_FOUND', 'No such active operator.');
      return { revoked: argument };
    }
    case 'create-organisation':
      return asOperator(database.runtimeUrl, (op) =>
        onboardOrganisation(op, {
          name: values.name,
          slug: values.slug,
          regime: values.regime,
          template: values.template,
          mfaRequired: !values['no-mfa'],
          director: { email: values['director-email'], displayName: values['director-name'] },
        }),
      );
    case 'organisations':
      return asOperator(database.runtimeUrl, async (op) => ({
        organisations: await listOrganisations(op),
      }));
    case 'disable-account':
    case 'enable-account':
      return asOperator(database.runtimeUrl, (op) =>
        setAccountDisabled(op, { email: values.email }, command === 'disable-account'),
      );
    case 'security-log':
      return asOperator(database.runtimeUrl, (op) =>
        readSecurityLog(op, {
          since: values.since,
          kind: values.kind,
          organisation: values.organisation,
          limit: values.limit,
        }),
      );
    default:
      throw new AppError('BAD_USER_INPUT', USAGE);
  }
}

if (values.help || !command) {
  console.log(USAGE);
  process.exit(command ? 0 : 1);
}
const database = await provideDatabase(config, log, 'tool');
let exitCode = 0;
try {
  console.log(JSON.stringify(await run(database), null, 2));
} catch (error) {
  exitCode = 1;
  if (error instanceof AppError) {
    console.error(`${error.code}: ${error.message}`);
  } else if ((error as { code?: string }).code === '23505') {
    console.error('CONFLICT: that name is already taken.');
  } else {
    console.error(error);
  }
} finally {
  await database.stop();
}
process.exit(exitCode);
