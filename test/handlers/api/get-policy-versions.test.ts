import { readFileSync } from 'node:fs';
import { DynamoPolicyVersions } from '../../../lambdas/adapters/policy/dynamo-policy-versions';
import type { PolicyVersionInfo } from '../../../lambdas/domain/policy/versions';
import { repoRoot } from '../../../lib/paths';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../../adapters/store/dynalite-table';
import { apiEvent, lambdaContext } from '../../support/api-event';

const sterk = readFileSync(`${repoRoot}/policy/sterk.json`, 'utf8');
const second = readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8');

function info(version: string, effectiveDate: string, major: boolean): PolicyVersionInfo {
  return {
    version,
    effectiveDate,
    summary: `Endringer i ${version}`,
    major,
    publishedBy: 'personvernombud',
    publishedAt: '2026-11-20T10:00:00.000Z',
    source: 'published',
  };
}

/** A document of another version with the fields the page shows changed, as a publish would store it. */
function asVersion(json: string, version: string, effectiveDate: string): string {
  return JSON.stringify({ ...JSON.parse(json), version, effectiveDate });
}

let database: TestDatabase;
let handler: typeof import('../../../lambdas/handlers/api/get-policy').handler;

// Published: 1.2.0 (in effect since 2026-11-20) and 2.0.0 (scheduled far ahead); bundled: 1.1.0.
beforeAll(async () => {
  database = await startTestDatabase();
  const table = await database.newTable();
  const store = new DynamoPolicyVersions(database.documents, table);
  await store.put({
    info: info('1.2.0', '2026-11-20', false),
    documentJson: asVersion(sterk, '1.2.0', '2026-11-20'),
  });
  await store.put({
    info: info('2.0.0', '2099-01-01', true),
    documentJson: asVersion(second, '2.0.0', '2099-01-01'),
  });
  Object.assign(process.env, {
    TABLE_NAME: table,
    AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  ({ handler } = await import('../../../lambdas/handlers/api/get-policy'));
});

afterAll(async () => {
  await database.stop();
});

const get = (options: Parameters<typeof apiEvent>[0]) =>
  handler(apiEvent(options), lambdaContext('get-policy'));

describe('Handler: get-policy with published versions', () => {
  it('serves the version in effect at /policy, not the scheduled one', async () => {
    // Act
    const page = await get({ resource: '/policy', query: { lang: 'en' } });
    const json = await get({ resource: '/policy.json' });

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.headers?.ETag).toMatch(/^"1\.2\.0-en-/);
    expect(JSON.parse(json.body).version).toBe('1.2.0');
  });

  it('lists every version, newest first, with the current and the scheduled one', async () => {
    // Act
    const response = await get({ resource: '/policy/versions' });

    // Assess
    expect(response.statusCode).toBe(200);
    const listing = JSON.parse(response.body);
    expect(
      listing.versions.map((v: PolicyVersionInfo) => [v.version, v.effectiveDate, v.major, v.source]),
    ).toEqual([
      ['2.0.0', '2099-01-01', true, 'published'],
      ['1.2.0', '2026-11-20', false, 'published'],
      ['1.1.0', '2026-12-06', false, 'bundled'],
    ]);
    expect(listing.current.version).toBe('1.2.0');
    expect(listing.scheduled.version).toBe('2.0.0');
    expect(listing.versions[0]).toMatchObject({
      publishedBy: 'personvernombud',
      summary: 'Endringer i 2.0.0',
    });
  });

  it('serves a scheduled version by its number, as HTML and as JSON', async () => {
    // Act
    const page = await get({
      resource: '/policy/versions/{version}',
      pathParameters: { version: '2.0.0' },
      query: { lang: 'en' },
    });
    const json = await get({
      resource: '/policy/versions/{version}',
      pathParameters: { version: '2.0.0.json' },
    });

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vipps MobilePay');
    expect(page.headers?.['Cache-Control']).toBe('public, max-age=86400');
    expect(JSON.parse(json.body)).toEqual(JSON.parse(asVersion(second, '2.0.0', '2099-01-01')));
  });

  it('serves the bundled seed as a version too', async () => {
    // Act
    const json = await get({
      resource: '/policy/versions/{version}',
      pathParameters: { version: '1.1.0.json' },
    });

    // Assess
    expect(json.statusCode).toBe(200);
    expect(JSON.parse(json.body)).toEqual(JSON.parse(sterk));
  });

  it.each(['9.9.9', '1.0', 'abc', '1.1.0.html', '../1.1.0'])(
    'answers 404 for version %j',
    async (version) => {
      // Act
      const response = await get({ resource: '/policy/versions/{version}', pathParameters: { version } });

      // Assess
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(response.body).error.code).toBe('not_found');
    },
  );

  it('shows what changed in a version against the one before it, as a page and as JSON', async () => {
    // Act
    const page = await get({
      resource: '/policy/versions/{version}/changes',
      pathParameters: { version: '2.0.0' },
      query: { lang: 'en' },
    });
    const json = await get({
      resource: '/policy/versions/{version}/changes.json',
      pathParameters: { version: '2.0.0' },
    });

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Changes to the privacy notice, version 2.0.0</h1>');
    expect(page.body).toContain('Compared with version 1.2.0.');
    expect(page.body).toContain('Endringer i 2.0.0');
    expect(page.body).toContain(
      '<li><strong>New:</strong> Vipps MobilePay (Vipps MobilePay AS) added as a processor, for Phone number, Purchase history</li>',
    );
    const body = JSON.parse(json.body);
    expect(body.diff).toMatchObject({ from: '1.2.0', to: '2.0.0' });
    expect(body.diff.sections.map((s: { section: string }) => s.section)).toEqual([
      'payment',
      'website',
      'retention',
    ]);
    expect(body.version).toMatchObject({ version: '2.0.0', major: true });
  });

  it('compares with ?from= when given, and answers 404 for an unknown one', async () => {
    // Act
    const same = await get({
      resource: '/policy/versions/{version}/changes.json',
      pathParameters: { version: '1.2.0' },
      query: { from: '1.1.0' },
    });
    const unknown = await get({
      resource: '/policy/versions/{version}/changes.json',
      pathParameters: { version: '2.0.0' },
      query: { from: '0.9.0' },
    });

    // Assess
    expect(JSON.parse(same.body).diff).toEqual({ from: '1.1.0', to: '1.2.0', sections: [] });
    expect(unknown.statusCode).toBe(404);
  });
});
