/**
 * Every policy version the public routes can serve: the stored (published) versions plus the bundled seed
 * (lambdas/domain/policy/versions.ts explains the model). The list is read at most once a minute per warm
 * function, so a scheduled version takes over within a minute of midnight in Oslo and the table is not read
 * on every page view. Documents are immutable once published, so they are cached for the function's life.
 *
 * With `keepSeed`, the catalogue stores the bundled document as published by deployment the first time it
 * lists the versions and finds it missing, so that a deployed version stays in the history after the next
 * deploy replaces the bundle (publishing does the same, domain/policy/publish.ts). The store must then allow
 * the write (a conditional put: nothing is ever overwritten); a failure is reported and serving goes on.
 */

import { osloDate } from '../../domain/oslo-date';
import type { PolicyVersionStore } from '../../domain/policy/publish';
import type { PolicyDocument } from '../../domain/policy/schema';
import {
  currentVersion,
  type PolicyVersionInfo,
  SEED_PUBLISHER,
  scheduledVersion,
  seedVersion,
  versionHistory,
} from '../../domain/policy/versions';

export interface CatalogueVersion {
  readonly info: PolicyVersionInfo;
  readonly document: PolicyDocument;
  /** The canonical JSON text, served as it is. */
  readonly documentJson: string;
}

export interface PolicyListing {
  readonly current: PolicyVersionInfo;
  readonly scheduled?: PolicyVersionInfo;
  /** Newest first. */
  readonly versions: PolicyVersionInfo[];
}

export interface CatalogueOptions {
  /** Store the bundled document when it is not stored yet (see above). */
  readonly keepSeed?: boolean;
  /** Told when keeping the seed fails; serving goes on without it. */
  readonly onKeepError?: (error: unknown) => void;
}

export class PolicyCatalogue {
  private readonly seed: CatalogueVersion;
  private readonly documents = new Map<string, CatalogueVersion>();
  private listed?: { at: number; history: PolicyVersionInfo[] };
  private seedKept = false;

  constructor(
    private readonly store: PolicyVersionStore,
    bundled: PolicyDocument,
    private readonly clock: () => Date = () => new Date(),
    private readonly listTtlMs = 60_000,
    private readonly options: CatalogueOptions = {},
  ) {
    this.seed = { info: seedVersion(bundled), document: bundled, documentJson: JSON.stringify(bundled) };
  }

  async listing(): Promise<PolicyListing> {
    const history = await this.history();
    const today = osloDate(this.clock());
    return {
      current: currentVersion(history, today),
      scheduled: scheduledVersion(history, today),
      versions: history,
    };
  }

  /** The version in effect now, with its document. */
  async current(): Promise<CatalogueVersion> {
    const { current } = await this.listing();
    const found = await this.version(current.version);
    return found ?? this.seed;
  }

  /**
   * The bundled document as a version, from memory: what serves readers when the table cannot be read at
   * all, so it must not ask the store.
   */
  bundled(): CatalogueVersion {
    return this.seed;
  }

  /** One version with its document, or undefined when no such version was published. */
  async version(version: string): Promise<CatalogueVersion | undefined> {
    const cached = this.documents.get(version);
    if (cached !== undefined) return cached;
    const stored = await this.store.get(version);
    if (stored === undefined) {
      if (version !== this.seed.info.version) return undefined;
      // The bundled document is the same text whether or not a copy is stored: no need to ask again.
      this.documents.set(version, this.seed);
      return this.seed;
    }
    const found = {
      info: stored.info,
      document: JSON.parse(stored.documentJson) as PolicyDocument,
      documentJson: stored.documentJson,
    };
    this.documents.set(version, found);
    return found;
  }

  private async history(): Promise<PolicyVersionInfo[]> {
    const now = this.clock().getTime();
    if (this.listed !== undefined && now - this.listed.at < this.listTtlMs) return this.listed.history;
    const stored = await this.store.list();
    if (this.options.keepSeed === true && !this.seedKept) await this.keepSeed(stored);
    const history = versionHistory(stored, this.seed.info);
    this.listed = { at: now, history };
    return history;
  }

  /** Stores the bundled document once, unless a copy is stored already; a refused put means one is. */
  private async keepSeed(stored: readonly PolicyVersionInfo[]): Promise<void> {
    if (stored.some((info) => info.version === this.seed.info.version)) {
      this.seedKept = true;
      return;
    }
    try {
      await this.store.put({
        info: { ...this.seed.info, publishedBy: SEED_PUBLISHER, source: 'published' },
        documentJson: this.seed.documentJson,
      });
      this.seedKept = true;
    } catch (error) {
      this.options.onKeepError?.(error);
    }
  }
}
