/**
 * The bundled document counts as published without being stored (versions.ts). So that it stays in the
 * history once the bundle moves on, publishing a newer version over it stores it first, as it was served,
 * by `deployment`; the next deploy's history then still lists it, and the new version's change page has
 * something to compare with.
 */

import type { AuditEventInput } from '../../../lambdas/domain/audit/chain';
import type { AuditTrail } from '../../../lambdas/domain/audit/trail';
import {
  type PublishDeps,
  publishPolicyVersion,
  type StoredPolicyVersion,
} from '../../../lambdas/domain/policy/publish';
import { previousVersion, seedVersion, versionHistory } from '../../../lambdas/domain/policy/versions';
import { sterkDocument } from './sterk-fixture';

const NOW = new Date('2026-12-06T12:00:00.000Z');

function harness(options: { keepSeed: boolean; stored?: StoredPolicyVersion[] }) {
  const bundled = sterkDocument();
  const stored = new Map((options.stored ?? []).map((version) => [version.info.version, version]));
  const events: AuditEventInput[] = [];
  const audit: AuditTrail = {
    append: async (_trail, input, at) => {
      events.push(input);
      return { ...input, at } as never;
    },
    list: async () => [],
  };
  const deps: PublishDeps = {
    versions: {
      list: async () => [...stored.values()].map((version) => version.info),
      get: async (version) => stored.get(version),
      put: async (version) => {
        if (stored.has(version.info.version)) return false;
        stored.set(version.info.version, version);
        return true;
      },
    },
    seed: seedVersion(bundled),
    ...(options.keepSeed ? { seedDocumentJson: JSON.stringify(bundled) } : {}),
    audit,
    clock: () => NOW,
  };
  const next = (version: string) => ({
    document: { ...sterkDocument(), version },
    summary: `Version ${version}`,
    major: false,
    effectiveDate: '2026-12-20',
  });
  return { bundled, stored, events, deps, next };
}

describe('Function: publishPolicyVersion, keeping the bundled version', () => {
  it('stores the bundled document, as served and by deployment, when a newer version is published over it', async () => {
    // Prepare
    const { bundled, stored, events, deps, next } = harness({ keepSeed: true });

    // Act
    await publishPolicyVersion(next('1.2.0'), { kind: 'staff', id: 'personvernombud' }, deps);

    // Assess
    expect([...stored.keys()]).toEqual([bundled.version, '1.2.0']);
    expect(stored.get(bundled.version)?.info).toEqual({ ...seedVersion(bundled), source: 'published' });
    expect(JSON.parse(stored.get(bundled.version)?.documentJson ?? '{}')).toEqual(bundled);
    expect(events.map((event) => [event.actor, event.details])).toEqual([
      [
        { kind: 'system', id: 'deployment' },
        { version: bundled.version, effectiveDate: bundled.effectiveDate, major: false },
      ],
      [
        { kind: 'staff', id: 'personvernombud' },
        { version: '1.2.0', effectiveDate: '2026-12-20', major: false },
      ],
    ]);
  });

  it('keeps it once: a later publish does not store it again', async () => {
    // Prepare
    const { events, deps, next } = harness({ keepSeed: true });
    await publishPolicyVersion(next('1.2.0'), { kind: 'staff', id: 'personvernombud' }, deps);

    // Act
    await publishPolicyVersion(next('1.3.0'), { kind: 'staff', id: 'personvernombud' }, deps);

    // Assess
    expect(events.map((event) => (event.details as { version: string }).version)).toEqual([
      sterkDocument().version,
      '1.2.0',
      '1.3.0',
    ]);
  });

  it('does not overwrite a stored copy of the bundled version', async () => {
    // Prepare
    const bundled = sterkDocument();
    const copy = {
      info: {
        ...seedVersion(bundled),
        summary: 'Published with a summary',
        publishedBy: 'kari',
        source: 'published' as const,
      },
      documentJson: JSON.stringify(bundled),
    };
    const { stored, events, deps, next } = harness({ keepSeed: true, stored: [copy] });

    // Act
    await publishPolicyVersion(next('1.2.0'), { kind: 'staff', id: 'personvernombud' }, deps);

    // Assess
    expect(stored.get(bundled.version)?.info.publishedBy).toBe('kari');
    expect(events).toHaveLength(1);
  });

  it('stores nothing but the new version without the bundled document (as before)', async () => {
    // Prepare
    const { stored, deps, next } = harness({ keepSeed: false });

    // Act
    await publishPolicyVersion(next('1.2.0'), { kind: 'staff', id: 'personvernombud' }, deps);

    // Assess
    expect([...stored.keys()]).toEqual(['1.2.0']);
  });

  it('leaves the kept version in the history after the next deploy, for the change page to compare with', async () => {
    // Prepare: 1.2.0 published over the bundle, then a deploy bundles 1.3.0
    const { bundled, stored, deps, next } = harness({ keepSeed: true });
    await publishPolicyVersion(next('1.2.0'), { kind: 'staff', id: 'personvernombud' }, deps);
    const deployed = seedVersion({ version: '1.3.0', effectiveDate: '2027-01-01' });

    // Act
    const history = versionHistory(
      [...stored.values()].map((version) => version.info),
      deployed,
    );

    // Assess
    expect(history.map((info) => [info.version, info.source])).toEqual([
      ['1.3.0', 'bundled'],
      ['1.2.0', 'published'],
      [bundled.version, 'published'],
    ]);
    expect(previousVersion(history, '1.2.0')?.version).toBe(bundled.version);
  });
});
