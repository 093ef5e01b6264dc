import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../bin/commands/policy';
import { DynamoPolicyVersions } from '../../lambdas/adapters/policy/dynamo-policy-versions';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { verifyChain } from '../../lambdas/domain/audit/chain';
import { POLICY_AUDIT_TRAIL } from '../../lambdas/domain/policy/publish';
import { repoRoot } from '../../lib/paths';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../adapters/store/dynalite-table';
import { sterkDocument } from '../domain/policy/sterk-fixture';

const secondFile = `${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`;

function capturingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe('Command: policy publish and policy diff', () => {
  let database: TestDatabase;
  let table: string;
  let dir: string;
  let saved: Record<string, string | undefined>;

  beforeAll(async () => {
    database = await startTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'personvern-publish-'));
    saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    });
  });

  afterAll(async () => {
    process.env = saved;
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    table = await database.newTable();
  });

  const publish = (...args: string[]) => {
    const captured = capturingIo();
    return run(['publish', ...args, '--table', table], captured.io).then((code) => ({ code, ...captured }));
  };

  it('stores a valid version scheduled for its effective date, records who and when, and audits it', async () => {
    // Act
    const { code, out, err } = await publish(
      secondFile,
      '--summary',
      'Vipps i kassa',
      '--major',
      '--effective',
      '2099-01-01',
      '--by',
      'kari',
    );

    // Assess
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^✔ published 2\.0\.0 \(major\), in effect from 2099-01-01, by kari at 20\d\d-/),
    ]);
    const stored = await new DynamoPolicyVersions(database.documents, table).get('2.0.0');
    expect(stored?.info).toMatchObject({
      version: '2.0.0',
      effectiveDate: '2099-01-01',
      major: true,
      publishedBy: 'kari',
      summary: 'Vipps i kassa',
    });
    expect(JSON.parse(stored?.documentJson ?? '{}').effectiveDate).toBe('2099-01-01');
    const events = await new DynamoAuditTrail(database.documents, table).list(POLICY_AUDIT_TRAIL);
    expect(events.map((event) => [event.action, event.actor, event.details])).toEqual([
      [
        'policy.version.published',
        { kind: 'system', id: 'kari' },
        { version: '2.0.0', effectiveDate: '2099-01-01', major: true },
      ],
    ]);
    expect(verifyChain(POLICY_AUDIT_TRAIL, events).ok).toBe(true);
  });

  it('names the publisher after the login when --by is not given', async () => {
    // Act
    const { code, out } = await publish(secondFile, '--summary', 'Vipps', '--effective', '2099-01-01');

    // Assess
    expect(code).toBe(0);
    expect(out[0]).toMatch(/ by cli:\S+ at /);
  });

  it.each([
    [
      'the bundled version again',
      'policy/sterk.json',
      ['--effective', '2099-01-01'],
      'version 1.0.0 is already published (by deployment)',
    ],
    [
      'a date in the past',
      secondFile,
      ['--effective', '2020-01-01'],
      'effective date 2020-01-01 is in the past',
    ],
    [
      'a date that is no date',
      secondFile,
      ['--effective', '2027-02-30'],
      'The effective date must be a date in YYYY-MM-DD form.',
    ],
  ])('refuses %s with a clear error and exit 1', async (_, file, extra, expected) => {
    // Act
    const { code, out, err } = await publish(
      `${repoRoot}/${file.replace(`${repoRoot}/`, '')}`,
      '--summary',
      'x',
      ...extra,
    );

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(expected);
    expect(await new DynamoPolicyVersions(database.documents, table).list()).toEqual([]);
  });

  it('refuses a duplicate and an older version after a publish, storing nothing more', async () => {
    // Arrange
    await publish(secondFile, '--summary', 'Vipps', '--effective', '2099-01-01');
    const older = sterkDocument();
    older.version = '1.5.0';
    const olderFile = join(dir, 'older.json');
    await writeFile(olderFile, JSON.stringify(older));

    // Act
    const duplicate = await publish(secondFile, '--summary', 'Vipps again', '--effective', '2099-01-02');
    const tooOld = await publish(olderFile, '--summary', 'Older', '--effective', '2099-01-02');

    // Assess
    expect(duplicate.code).toBe(1);
    expect(duplicate.err[0]).toContain('version 2.0.0 is already published');
    expect(tooOld.code).toBe(1);
    expect(tooOld.err[0]).toContain('version 1.5.0 is older than the newest published version 2.0.0');
    expect((await new DynamoPolicyVersions(database.documents, table).list()).map((v) => v.version)).toEqual([
      '2.0.0',
    ]);
  });

  it('refuses an invalid document, one path: problem line per issue', async () => {
    // Arrange
    const broken = sterkDocument();
    broken.version = '3.0.0';
    broken.controllers[1].orgNumber = '827118363';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(broken));

    // Act
    const { code, err } = await publish(file, '--summary', 'Broken', '--effective', '2099-01-01');

    // Assess
    expect(code).toBe(1);
    expect(err).toEqual([
      `✖ ${file}: The policy document is invalid (1 problem).`,
      'controllers[1].orgNumber: 827118363 fails the mod-11 check',
    ]);
  });

  it.each([
    [['publish'], 'publish needs the document to publish'],
    [['publish', secondFile], 'publish needs --summary'],
    [['publish', secondFile, '--summary'], '--summary needs a value'],
    [['publish', secondFile, '--summary', 'x', '--colour'], 'unknown option --colour'],
  ])('prints usage and returns 2 for %j', async (args, problem) => {
    // Arrange
    const { err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(err[0]).toContain(problem);
  });

  it('diffs a published version against the bundled one by their numbers', async () => {
    // Arrange
    await publish(secondFile, '--summary', 'Vipps', '--effective', '2099-01-01');
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['diff', '1.0.0', '2.0.0', '--lang', 'en', '--table', table], io);

    // Assess
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe('Changes from 1.0.0 to 2.0.0');
    expect(out).toContain(
      '  + Vipps MobilePay (Vipps MobilePay AS) added as a processor, for Phone number, Purchase history',
    );
    expect(out).toContain('  − Facebook Pixel (Meta) removed: we no longer use it');
  });

  it('diffs two files as JSON without a table, and says when a version is unknown', async () => {
    // Arrange
    const json = capturingIo();
    const unknown = capturingIo();

    // Act
    const jsonCode = await run(['diff', `${repoRoot}/policy/sterk.json`, secondFile, '--json'], json.io);
    const unknownCode = await run(['diff', '1.0.0', '7.0.0', '--table', table], unknown.io);

    // Assess
    expect(jsonCode).toBe(0);
    expect(JSON.parse(json.out.join('\n')).sections.map((s: { section: string }) => s.section)).toEqual([
      'payment',
      'website',
      'retention',
    ]);
    expect(unknownCode).toBe(1);
    expect(unknown.err).toEqual(['✖ version 7.0.0: no such published version']);
  });
});
