import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../bin/commands/policy';
import { DynamoPolicyVersions } from '../../lambdas/adapters/policy/dynamo-policy-versions';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { verifyChain } from '../../lambdas/domain/audit/chain';
import { POLICY_AUDIT_TRAIL } from '../../lambdas/domain/policy/audit-trail-name';
import { repoRoot } from '../../lib/paths';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../adapters/store/dynalite-table';
import { sterkDocument } from '../domain/policy/sterk-fixture';
import { capturingIo } from '../support/cli-io';

const secondFile = `${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`;

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
    // The bundled version it replaces is kept, as deployed, so the history still has it after the next deploy.
    const bundled = sterkDocument();
    const seed = await new DynamoPolicyVersions(database.documents, table).get(bundled.version);
    expect(seed?.info).toMatchObject({
      version: bundled.version,
      effectiveDate: bundled.effectiveDate,
      publishedBy: 'deployment',
      source: 'published',
    });
    expect(JSON.parse(seed?.documentJson ?? '{}')).toEqual(bundled);
    const events = await new DynamoAuditTrail(database.documents, table).list(POLICY_AUDIT_TRAIL);
    expect(events.map((event) => [event.action, event.actor, event.details])).toEqual([
      [
        'policy.version.published',
        { kind: 'system', id: 'deployment' },
        { version: bundled.version, effectiveDate: bundled.effectiveDate, major: false },
      ],
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
      'version 1.1.0 is already published (by deployment)',
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
    // Prepare
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
    // The first publish kept the bundled version beside 2.0.0; the refusals stored nothing.
    expect((await new DynamoPolicyVersions(database.documents, table).list()).map((v) => v.version)).toEqual([
      sterkDocument().version,
      '2.0.0',
    ]);
  });

  it('keeps a version that was deployed but never stored, with its own date, once', async () => {
    // Prepare: the document deployed before the current bundle, e.g. 1.0.0 once 1.1.0 is deployed
    const former = sterkDocument();
    former.version = '1.0.0';
    former.effectiveDate = '2026-11-25';
    const formerFile = join(dir, 'former.json');
    await writeFile(formerFile, JSON.stringify(former));
    const newer = sterkDocument();
    newer.version = '7.0.0';
    const newerFile = join(dir, 'newer.json');
    await writeFile(newerFile, JSON.stringify(newer));
    const keep = (file: string) => {
      const captured = capturingIo();
      return run(['keep', file, '--by', 'ops', '--table', table], captured.io).then((code) => ({
        code,
        ...captured,
      }));
    };

    // Act
    const kept = await keep(formerFile);
    const again = await keep(formerFile);
    const tooNew = await keep(newerFile);

    // Assess
    expect(kept).toMatchObject({
      code: 0,
      err: [],
      out: ['✔ kept 1.0.0, in effect from 2026-11-25, as deployed'],
    });
    expect(again.code).toBe(1);
    expect(again.err[0]).toContain('Version 1.0.0 is stored already');
    expect(tooNew.code).toBe(1);
    expect(tooNew.err[0]).toContain('version 7.0.0 is newer than the deployed');
    const stored = await new DynamoPolicyVersions(database.documents, table).get('1.0.0');
    expect(stored?.info).toMatchObject({
      effectiveDate: '2026-11-25',
      publishedBy: 'deployment',
      source: 'published',
    });
    expect(JSON.parse(stored?.documentJson ?? '{}')).toEqual(former);
    const events = await new DynamoAuditTrail(database.documents, table).list(POLICY_AUDIT_TRAIL);
    expect(events.map((event) => [event.action, event.actor.id, event.details])).toEqual([
      [
        'policy.version.published',
        'ops',
        { version: '1.0.0', effectiveDate: '2026-11-25', major: false, kept: true },
      ],
    ]);
  });

  it('refuses an invalid document, one path: problem line per issue', async () => {
    // Prepare
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
    // Prepare
    const { err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(err[0]).toContain(problem);
  });

  it('diffs a published version against the bundled one by their numbers', async () => {
    // Prepare
    await publish(secondFile, '--summary', 'Vipps', '--effective', '2099-01-01');
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['diff', '1.1.0', '2.0.0', '--lang', 'en', '--table', table], io);

    // Assess
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe('Changes from 1.1.0 to 2.0.0');
    expect(out).toContain(
      '  + Vipps MobilePay (Vipps MobilePay AS) added as a processor, for Phone number, Purchase history',
    );
    expect(out).toContain('  − Facebook Pixel (Meta) removed: we no longer use it');
  });

  it('diffs two files as JSON without a table, and says when a version is unknown', async () => {
    // Prepare
    const json = capturingIo();
    const unknown = capturingIo();

    // Act
    const jsonCode = await run(['diff', `${repoRoot}/policy/sterk.json`, secondFile, '--json'], json.io);
    const unknownCode = await run(['diff', '1.1.0', '7.0.0', '--table', table], unknown.io);

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
