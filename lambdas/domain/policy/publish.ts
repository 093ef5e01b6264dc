/**
 * Publishing a policy version, for the CLI and the privacy officer's staff route alike: validate the document
 * with the schema, check it against the versions already published, store it once, and leave an audit event.
 * Refusals are `ValidationError`s whose `fields` say what to fix.
 */
import type { AuditTrail } from '../audit/trail';
import { ConflictError, ValidationError } from '../errors';
import { osloDate } from '../oslo-date';
import { POLICY_AUDIT_TRAIL } from './audit-trail-name';
import type { PolicyDocument } from './schema';
import { validatePolicy } from './validate';
import { comparePolicyVersions } from './version';
import {
  type PolicyVersionInfo,
  publishProblems,
  SEED_PUBLISHER,
  seedVersion,
  versionHistory,
} from './versions';

export interface StoredPolicyVersion {
  readonly info: PolicyVersionInfo;
  /** The document as canonical JSON text, exactly as it is served at `/policy/versions/{version}.json`. */
  readonly documentJson: string;
}

/** Where published versions are kept (adapters/policy/dynamo-policy-versions.ts). */
export interface PolicyVersionStore {
  /** Every stored version's facts (not the documents). */
  list(): Promise<PolicyVersionInfo[]>;
  get(version: string): Promise<StoredPolicyVersion | undefined>;
  /** Stores a new version; false when that version is already stored (nothing is overwritten). */
  put(version: StoredPolicyVersion): Promise<boolean>;
}

export interface PublishInput {
  readonly document: unknown;
  readonly summary: string;
  readonly major: boolean;
  /** `YYYY-MM-DD`; replaces the document's own `effectiveDate`. Without it the document's date is used. */
  readonly effectiveDate?: string;
}

export interface PublishDeps {
  readonly versions: PolicyVersionStore;
  /** The bundled document's facts: it counts as published (versions.ts). */
  readonly seed: PolicyVersionInfo;
  /**
   * The bundled document itself, as served (canonical JSON). Given, it is stored as published by deployment
   * the first time a newer version is published over it, so that it stays in the history after the bundle
   * moves on (a bundled version that was never stored drops out of the list when the next one is deployed).
   */
  readonly seedDocumentJson?: string;
  readonly audit: AuditTrail;
  readonly clock: () => Date;
}

export interface Publisher {
  /** A staff username, or `cli:<operator>` for the command line. */
  readonly id: string;
  readonly kind: 'staff' | 'system';
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export async function publishPolicyVersion(
  input: PublishInput,
  publisher: Publisher,
  deps: PublishDeps,
): Promise<PolicyVersionInfo> {
  if (input.effectiveDate !== undefined && !isCalendarDate(input.effectiveDate)) {
    throw new ValidationError('The effective date must be a date in YYYY-MM-DD form.', {
      effectiveDate: 'must be a date in YYYY-MM-DD form',
    });
  }
  const withDate =
    input.effectiveDate === undefined || typeof input.document !== 'object' || input.document === null
      ? input.document
      : { ...input.document, effectiveDate: input.effectiveDate };
  const result = validatePolicy(withDate);
  if (!result.ok) {
    throw new ValidationError(
      `The policy document is invalid (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}).`,
      Object.fromEntries(result.issues.map((issue) => splitIssue(issue))),
    );
  }
  const policy: PolicyDocument = result.policy;
  const now = deps.clock();
  const stored = await deps.versions.list();
  const history = versionHistory(stored, deps.seed);
  const problems = publishProblems(
    { version: policy.version, effectiveDate: policy.effectiveDate, summary: input.summary },
    history,
    osloDate(now),
  );
  if (problems.length > 0) {
    throw new ValidationError(`Version ${policy.version} cannot be published: ${problems.join('; ')}.`, {
      version: problems.join('; '),
    });
  }
  if (deps.seedDocumentJson !== undefined && !stored.some((v) => v.version === deps.seed.version)) {
    await keepSeed(deps.seed, deps.seedDocumentJson, deps);
  }
  const info: PolicyVersionInfo = {
    version: policy.version,
    effectiveDate: policy.effectiveDate,
    summary: input.summary.trim(),
    major: input.major,
    publishedBy: publisher.id,
    publishedAt: now.toISOString(),
    source: 'published',
  };
  if (!(await deps.versions.put({ info, documentJson: JSON.stringify(policy) }))) {
    // Someone published the same version between our read and our write.
    throw new ConflictError(`Version ${policy.version} was published by someone else just now.`);
  }
  await deps.audit.append(
    POLICY_AUDIT_TRAIL,
    {
      action: 'policy.version.published',
      actor: { kind: publisher.kind, id: publisher.id },
      details: { version: info.version, effectiveDate: info.effectiveDate, major: info.major },
    },
    info.publishedAt,
  );
  return info;
}

/**
 * Stores a document that was deployed (bundled) and served but never stored, as published by deployment with
 * its own date: the one-off for a version that dropped out of the history, such as 1.0.0 when 1.1.0 was
 * deployed. Only a version not newer than the bundled one and not stored yet; its date is its own, even in
 * the past, since it records what was in effect then.
 */
export async function keepDeployedVersion(
  document: unknown,
  publisher: Publisher,
  deps: PublishDeps,
): Promise<PolicyVersionInfo> {
  const result = validatePolicy(document);
  if (!result.ok) {
    throw new ValidationError(
      `The policy document is invalid (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}).`,
      Object.fromEntries(result.issues.map((issue) => splitIssue(issue))),
    );
  }
  const policy = result.policy;
  if (comparePolicyVersions(policy.version, deps.seed.version) > 0) {
    const problem = `version ${policy.version} is newer than the deployed ${deps.seed.version}; publish it instead`;
    throw new ValidationError(`Version ${policy.version} cannot be kept: ${problem}.`, { version: problem });
  }
  const info: PolicyVersionInfo = { ...seedVersion(policy), source: 'published' };
  if (!(await deps.versions.put({ info, documentJson: JSON.stringify(policy) }))) {
    throw new ConflictError(`Version ${policy.version} is stored already; nothing was changed.`);
  }
  await deps.audit.append(
    POLICY_AUDIT_TRAIL,
    {
      action: 'policy.version.published',
      actor: { kind: publisher.kind, id: publisher.id },
      details: { version: info.version, effectiveDate: info.effectiveDate, major: info.major, kept: true },
    },
    deps.clock().toISOString(),
  );
  return info;
}

/**
 * Stores the bundled seed as it is served, with its own date and `deployment` as publisher. Publishing checked
 * already that the new version is newer than the seed. Someone storing it at the same moment is no problem:
 * the same version is the same document.
 */
async function keepSeed(seed: PolicyVersionInfo, documentJson: string, deps: PublishDeps): Promise<void> {
  const info: PolicyVersionInfo = { ...seed, source: 'published' };
  if (!(await deps.versions.put({ info, documentJson }))) return;
  await deps.audit.append(
    POLICY_AUDIT_TRAIL,
    {
      action: 'policy.version.published',
      actor: { kind: 'system', id: SEED_PUBLISHER },
      details: { version: info.version, effectiveDate: info.effectiveDate, major: info.major },
    },
    deps.clock().toISOString(),
  );
}

function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** `systems[4].name: required` → ['systems[4].name', 'required']. */
function splitIssue(issue: string): [string, string] {
  const at = issue.indexOf(': ');
  return at < 0 ? ['(document)', issue] : [issue.slice(0, at), issue.slice(at + 2)];
}
