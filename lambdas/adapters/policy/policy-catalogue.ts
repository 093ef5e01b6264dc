/**
 * Every policy version the public routes can serve: the stored (published) versions plus the bundled seed
 * (lambdas/domain/policy/versions.ts explains the model). The list is read at most once a minute per warm
 * function, so a scheduled version takes over within a minute of midnight in Oslo and the table is not read
 * on every page view. Documents are immutable once published, so they are cached for the function's life.
 */

import { osloDate } from '../../domain/oslo-date';
import type { PolicyVersionStore } from '../../domain/policy/publish';
import type { PolicyDocument } from '../../domain/policy/schema';
import {
  currentVersion,
  type PolicyVersionInfo,
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

export class PolicyCatalogue {
  private readonly seed: CatalogueVersion;
  private readonly documents = new Map<string, CatalogueVersion>();
  private listed?: { at: number; history: PolicyVersionInfo[] };

  constructor(
    private readonly store: PolicyVersionStore,
    bundled: PolicyDocument,
    private readonly clock: () => Date = () => new Date(),
    private readonly listTtlMs = 60_000,
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
    const history = versionHistory(await this.store.list(), this.seed.info);
    this.listed = { at: now, history };
    return history;
  }
}
