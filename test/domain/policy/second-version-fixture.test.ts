import { readFileSync } from 'node:fs';
import { repoRoot } from '../../../lib/paths';
import { sterkDocument } from './sterk-fixture';

// biome-ignore lint/suspicious/noExplicitAny: the raw JSON of both files
type Raw = any;

/**
 * test/fixtures/policy/sterk-2.0.0.json stands for STERK's next version: the shipped document with exactly
 * the changes its tests describe (Vipps added, the pixel removed, membership data kept three months longer).
 * When policy/sterk.json changes, the fixture must follow, or the diff and change-page tests would be
 * comparing against a stale copy. This says so before they fail in puzzling ways.
 */
describe('Fixture: sterk-2.0.0.json', () => {
  const second: Raw = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'));

  it('is the shipped document plus its own changes and nothing else', () => {
    // Prepare: undo the fixture's changes on a copy of it
    const undone = structuredClone(second);
    const shipped = sterkDocument();
    undone.version = shipped.version;
    undone.effectiveDate = shipped.effectiveDate;
    undone.systems = undone.systems.filter((system: Raw) => system.id !== 'vipps-mobilepay');
    const pixelAt = shipped.systems.findIndex((system: Raw) => system.id === 'facebook-pixel');
    undone.systems.splice(pixelAt, 0, shipped.systems[pixelAt]);
    undone.retention = undone.retention.filter((rule: Raw) => rule.id !== 'vipps-payments');
    const membership = undone.retention.find((rule: Raw) => rule.id === 'membership');
    const shippedMembership = shipped.retention.find((rule: Raw) => rule.id === 'membership');
    membership.duration = shippedMembership.duration;
    membership.condition = shippedMembership.condition;
    undone.retention.find((rule: Raw) => rule.id === 'website-analytics').systems = shipped.retention.find(
      (rule: Raw) => rule.id === 'website-analytics',
    ).systems;
    undone.assumptions = shipped.assumptions;

    // Assess
    expect(undone).toEqual(shipped);
  });
});
