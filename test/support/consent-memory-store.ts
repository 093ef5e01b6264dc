/**
 * An in-memory ConsentStore and ConsentCountsStore for domain tests, held to DynamoConsentStore by the same
 * cases (test/adapters/consent/consent-store.test.ts).
 */
import type { ConsentStore, StoredConsentRecord } from '../../lambdas/domain/consent/record';
import type { StoredDayCounts } from '../../lambdas/domain/consent/summary';
import type { ConsentCountsStore } from '../../lambdas/domain/consent/summary-view';

export class InMemoryConsentStore implements ConsentStore, ConsentCountsStore {
  readonly records = new Map<string, StoredConsentRecord & { countedAt?: string }>();
  readonly dayCounts = new Map<string, Record<string, number>>();

  private key = (consentKey: string, recordId: string) => `${consentKey}#${recordId}`;

  async create(record: StoredConsentRecord): Promise<boolean> {
    const key = this.key(record.consentKey, record.recordId);
    if (this.records.has(key)) return false;
    this.records.set(key, structuredClone(record));
    return true;
  }

  async get(consentKey: string, recordId: string): Promise<StoredConsentRecord | undefined> {
    const found = this.records.get(this.key(consentKey, recordId));
    if (found === undefined) return undefined;
    const { countedAt: _, ...record } = found;
    return structuredClone(record);
  }

  async claimCount(consentKey: string, recordId: string, at: string): Promise<boolean> {
    const found = this.records.get(this.key(consentKey, recordId));
    if (found === undefined || found.countedAt !== undefined) return false;
    found.countedAt = at;
    return true;
  }

  async addToDay(date: string, names: readonly string[]): Promise<void> {
    const counts = this.dayCounts.get(date) ?? {};
    for (const name of new Set(names)) counts[name] = (counts[name] ?? 0) + 1;
    this.dayCounts.set(date, counts);
  }

  async list(consentKey: string): Promise<StoredConsentRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.consentKey === consentKey)
      .map(({ countedAt: _, ...record }) => structuredClone(record));
  }

  async erase(consentKey: string): Promise<number> {
    const mine = [...this.records.entries()].filter(([, record]) => record.consentKey === consentKey);
    for (const [key] of mine) this.records.delete(key);
    return mine.length;
  }

  async days(from: string, to: string): Promise<StoredDayCounts[]> {
    return [...this.dayCounts.entries()]
      .filter(([date]) => date >= from && date <= to)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, counts]) => ({ date, counts: { ...counts } }));
  }
}
