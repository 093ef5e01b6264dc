/**
 * Policy versions end to end on `npm start`: the privacy officer publishes 2.0.0 for a future date through
 * the staff API (other staff get 403, a duplicate and an invalid document 400), the version list shows it
 * as scheduled while /policy keeps serving 1.1.0, its page and its change page are served, and the publish
 * is on the policy-versions audit trail.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { repoRoot } from '../../lib/paths';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(120_000);

const fixture = useLocalStack();
const second = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'));

describe('Policy versions, end to end', () => {
  it('publishes a scheduled version through the staff API and serves the history', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const staff = await driver.token('staff-sterk-hasle');
    const version = {
      document: second,
      summary: 'Vipps i kassa; Facebook Pixel fjernet.',
      major: true,
      effectiveDate: '2099-01-01',
    };

    // Act
    const forbidden = await driver.staff(staff, 'POST', '/staff/policy/versions', version);
    const published = await driver.staff(officer, 'POST', '/staff/policy/versions', version);
    const duplicate = await driver.staff(officer, 'POST', '/staff/policy/versions', version);
    const invalid = await driver.staff(officer, 'POST', '/staff/policy/versions', {
      ...version,
      document: { ...second, version: '3.0.0', controllers: [] },
    });
    const unsigned = await fetch(`${stack.apiUrl}/staff/policy/versions`, { method: 'POST', body: '{}' });
    const list = await fetch(`${stack.apiUrl}/policy/versions`);
    const current = await fetch(`${stack.apiUrl}/policy.json`);
    const page = await fetch(`${stack.apiUrl}/policy/versions/2.0.0?lang=en`);
    const changes = await fetch(`${stack.apiUrl}/policy/versions/2.0.0/changes?lang=en`);
    const trail = await stack.scanItems((item) => item.pk === 'REQUEST#policy-versions');

    // Assess
    expect(forbidden.status).toBe(403);
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({
      version: '2.0.0',
      effectiveDate: '2099-01-01',
      major: true,
      publishedBy: 'personvernombud',
    });
    expect(duplicate.status).toBe(400);
    expect(((await duplicate.json()) as { error: { message: string } }).error.message).toContain(
      'version 2.0.0 is already published',
    );
    expect(invalid.status).toBe(400);
    expect(
      ((await invalid.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('controllers');
    expect(unsigned.status).toBe(401);
    const listing = (await list.json()) as {
      current: { version: string };
      scheduled: { version: string };
      versions: unknown[];
    };
    expect([listing.current.version, listing.scheduled.version, listing.versions.length]).toEqual([
      '1.1.0',
      '2.0.0',
      2,
    ]);
    expect(((await current.json()) as { version: string }).version).toBe('1.1.0');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Vipps MobilePay');
    expect(await changes.text()).toContain('Facebook Pixel (Meta) removed: we no longer use it');
    // Publishing over the bundled version keeps that one in the history too, as published by deployment.
    expect(trail.map((event) => [event.action, event.actor, event.details?.version])).toEqual([
      ['policy.version.published', { kind: 'system', id: 'deployment' }, '1.1.0'],
      ['policy.version.published', { kind: 'staff', id: 'personvernombud' }, '2.0.0'],
    ]);
    const stored = await stack.scanItems((item) => item.kind === 'policy-version');
    expect(stored.map((item) => item.version).sort()).toEqual(['1.1.0', '2.0.0']);
  });
});
