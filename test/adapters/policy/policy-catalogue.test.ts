/**
 * The catalogue keeps the bundled version when asked to (`keepSeed`): it stores it once, as served and by
 * deployment, the first time it lists the versions and finds it missing, so the next deploy's history still
 * has it. Without the option it stores nothing, as before.
 */

import { PolicyCatalogue } from '../../../lambdas/adapters/policy/policy-catalogue';
import type { PolicyVersionStore, StoredPolicyVersion } from '../../../lambdas/domain/policy/publish';
import { seedVersion } from '../../../lambdas/domain/policy/versions';
import { sterkDocument } from '../../domain/policy/sterk-fixture';

const NOW = new Date('2026-12-06T12:00:00.000Z');

function memoryStore(initial: StoredPolicyVersion[] = [], failing = false) {
  const stored = new Map(initial.map((version) => [version.info.version, version]));
  let puts = 0;
  const store: PolicyVersionStore = {
    list: async () => [...stored.values()].map((version) => version.info),
    get: async (version) => stored.get(version),
    put: async (version) => {
      puts += 1;
      if (failing) throw new Error('AccessDeniedException');
      if (stored.has(version.info.version)) return false;
      stored.set(version.info.version, version);
      return true;
    },
  };
  return { store, stored, puts: () => puts };
}

describe('Class: PolicyCatalogue, keeping the bundled version', () => {
  it('stores the bundled document once, by deployment, and still lists it', async () => {
    // Prepare
    const bundled = sterkDocument();
    const { store, stored, puts } = memoryStore();
    const catalogue = new PolicyCatalogue(store, bundled, () => NOW, 0, { keepSeed: true });

    // Act
    const first = await catalogue.listing();
    await catalogue.listing();

    // Assess
    expect(puts()).toBe(1);
    expect(stored.get(bundled.version)?.info).toEqual({ ...seedVersion(bundled), source: 'published' });
    expect(JSON.parse(stored.get(bundled.version)?.documentJson ?? '{}')).toEqual(bundled);
    expect(first.versions.map((info) => info.version)).toEqual([bundled.version]);
    expect(first.current.version).toBe(bundled.version);
  });

  it('keeps the outgoing version in the history after the bundle moves on', async () => {
    // Prepare: the old deployment kept its version; the new one bundles a newer document
    const old = sterkDocument();
    const { store } = memoryStore();
    await new PolicyCatalogue(store, old, () => NOW, 0, { keepSeed: true }).listing();
    const newer = { ...sterkDocument(), version: '9.0.0', effectiveDate: '2026-12-06' };

    // Act
    const listing = await new PolicyCatalogue(store, newer, () => NOW, 0, { keepSeed: true }).listing();
    const outgoing = await new PolicyCatalogue(store, newer, () => NOW).version(old.version);

    // Assess
    expect(listing.versions.map((info) => info.version)).toEqual(['9.0.0', old.version]);
    expect(outgoing?.document).toEqual(old);
  });

  it('does not store what is stored already, nor anything without the option', async () => {
    // Prepare
    const bundled = sterkDocument();
    const copy = { info: { ...seedVersion(bundled), source: 'published' as const }, documentJson: '{}' };
    const kept = memoryStore([copy]);
    const plain = memoryStore();

    // Act
    await new PolicyCatalogue(kept.store, bundled, () => NOW, 0, { keepSeed: true }).listing();
    await new PolicyCatalogue(plain.store, bundled, () => NOW, 0).listing();

    // Assess
    expect(kept.puts()).toBe(0);
    expect(plain.puts()).toBe(0);
    expect(plain.stored.size).toBe(0);
  });

  it('serves on when the store refuses the write, and says so', async () => {
    // Prepare
    const bundled = sterkDocument();
    const errors: unknown[] = [];
    const { store } = memoryStore([], true);
    const catalogue = new PolicyCatalogue(store, bundled, () => NOW, 0, {
      keepSeed: true,
      onKeepError: (error) => errors.push(error),
    });

    // Act
    const current = await catalogue.current();

    // Assess
    expect(current.info.version).toBe(bundled.version);
    expect(errors).toHaveLength(1);
  });
});
