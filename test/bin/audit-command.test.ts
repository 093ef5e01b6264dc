import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { main } from '../../bin/cli';
import { run } from '../../bin/commands/audit';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { keys } from '../../lambdas/adapters/store/keys';
import type { AuditEventInput } from '../../lambdas/domain/audit/chain';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../adapters/store/dynalite-table';
import { capturingIo } from '../support/cli-io';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const REQUEST = 'req-01J9ZK3T6Q';
const view: AuditEventInput = { action: 'request.viewed', actor: { kind: 'staff', id: 'staff-7' } };

/** The AWS SDK environment that points at the test's dynalite, as for the local stack. */
const AWS_VARIABLES = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];

describe('Command: audit verify', () => {
  let database: TestDatabase;
  let table: string;
  let saved: Record<string, string | undefined>;
  let awsEnvironment: Record<string, string>;

  beforeAll(async () => {
    database = await startTestDatabase();
    awsEnvironment = {
      AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
  });

  afterAll(async () => {
    await database.stop();
  });

  beforeEach(async () => {
    saved = Object.fromEntries(
      [...AWS_VARIABLES, 'PERSONVERN_TABLE'].map((name) => [name, process.env[name]]),
    );
    Object.assign(process.env, awsEnvironment);
    table = await database.newTable();
    process.env.PERSONVERN_TABLE = table;
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  async function trailOf(length: number, requestId = REQUEST): Promise<void> {
    const trail = new DynamoAuditTrail(database.documents, table);
    for (let i = 0; i < length; i++) {
      await trail.append(requestId, view, new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString());
    }
  }

  it('prints one JSON line and returns 0 for an intact chain', async () => {
    // Prepare
    await trailOf(4);
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST], io);

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([`{"requestId":"${REQUEST}","ok":true,"events":4}`]);
  });

  it('returns 1 and names the event when an item was changed in the table', async () => {
    // Prepare
    await trailOf(5);
    await database.documents.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.auditEvent(REQUEST, 3),
        UpdateExpression: 'SET #action = :action',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: { ':action': 'request.nothing-to-see' },
      }),
    );
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST], io);

    // Assess
    expect(code).toBe(1);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      requestId: REQUEST,
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/^event 3 was altered: /),
    });
  });

  it('returns 1 when an event was deleted from the middle of the trail', async () => {
    // Prepare
    await trailOf(5);
    await database.documents.send(new DeleteCommand({ TableName: table, Key: keys.auditEvent(REQUEST, 2) }));
    const { out, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST], io);

    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      requestId: REQUEST,
      ok: false,
      brokenAt: 2,
      reason: 'expected event 2 after event 1, found event 3: events are missing or out of order',
    });
  });

  it('reads the table named by --table before PERSONVERN_TABLE', async () => {
    // Prepare
    await trailOf(2);
    process.env.PERSONVERN_TABLE = 'NoSuchTable';
    const { out, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST, '--table', table], io);

    // Assess
    expect(code).toBe(0);
    expect(out).toEqual([`{"requestId":"${REQUEST}","ok":true,"events":2}`]);
  });

  it('accepts an empty trail, and says on stderr that it found no events', async () => {
    // Prepare
    await trailOf(2, 'req-other');
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST], io);

    // Assess
    expect(code).toBe(0);
    expect(out).toEqual([`{"requestId":"${REQUEST}","ok":true,"events":0}`]);
    expect(err).toEqual([
      `personvern audit: request ${REQUEST} has no audit events in table ${table}; is the id right?`,
    ]);
  });

  it('returns 3, not 1, when the trail cannot be read', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST, '--table', 'NoSuchTable'], io);

    // Assess
    expect(code).toBe(3);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^personvern audit: cannot read the audit trail of ${REQUEST} from table NoSuchTable \\(ResourceNotFoundException: `,
        ),
      ),
    ]);
  });

  it.each([
    { why: 'nothing to do', args: [], problem: /^personvern audit: say what to do: verify$/ },
    {
      why: 'an unknown subcommand',
      args: ['check', REQUEST],
      problem: /^personvern audit: unknown subcommand check$/,
    },
    {
      why: 'no request id',
      args: ['verify'],
      problem: /^personvern audit: verify needs the id of a request$/,
    },
    {
      why: 'an empty request id',
      args: ['verify', ''],
      problem: /^personvern audit: verify needs the id of a request$/,
    },
    {
      why: 'a second request id',
      args: ['verify', REQUEST, 'req-2'],
      problem: /^personvern audit: unexpected argument req-2$/,
    },
    {
      why: 'an unknown option',
      args: ['verify', REQUEST, '--tabel', 'x'],
      problem: /^personvern audit: unknown option --tabel$/,
    },
    {
      why: '--table without a name',
      args: ['verify', REQUEST, '--table'],
      problem: /^personvern audit: --table needs a value$/,
    },
  ])('returns 2 with usage for $why', async ({ args, problem }) => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(problem);
    expect(err[1]).toBe('Usage: personvern audit verify <requestId> [--table <name>]');
  });

  it('returns 2 and says how to name the table when neither --table nor PERSONVERN_TABLE is given', async () => {
    // Prepare
    delete process.env.PERSONVERN_TABLE;
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['verify', REQUEST], io);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe('personvern audit: which table? Pass --table <name> or set PERSONVERN_TABLE');
  });

  it('is listed in the CLI help and reached through it', async () => {
    // Prepare
    await trailOf(1);
    const help = capturingIo();
    const verify = capturingIo();

    // Act
    const helpCode = await main(['help'], help.io);
    const verifyCode = await main(['audit', 'verify', REQUEST], verify.io);

    // Assess
    expect(helpCode).toBe(0);
    expect(help.err).toContain(
      "  personvern audit verify <id>        check the hash chain of a request's audit trail (--table <name>)",
    );
    expect(verifyCode).toBe(0);
    expect(verify.out).toEqual([`{"requestId":"${REQUEST}","ok":true,"events":1}`]);
  });

  it('runs as `personvern audit verify` from the command line, with exit code 1 for a broken chain', async () => {
    // Prepare
    await trailOf(3);
    await database.documents.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.auditEvent(REQUEST, 2),
        UpdateExpression: 'SET details.reviewed = :yes',
        ExpressionAttributeValues: { ':yes': true },
      }),
    );

    // Act
    const outcome = await promisify(execFile)('node', ['bin/personvern.js', 'audit', 'verify', REQUEST], {
      cwd: repoRoot,
      env: { ...process.env, ...awsEnvironment, PERSONVERN_TABLE: table },
      encoding: 'utf8',
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

    // Assess
    expect(outcome.code).toBe(1);
    expect(JSON.parse(outcome.stdout)).toEqual({
      requestId: REQUEST,
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/^event 2 was altered: /),
    });
  });
});
