/**
 * How a published policy version is kept in the single table, shared by the two adapters that read it: the
 * SDK one (dynamo-policy-versions.ts, which also writes) and the signed-fetch one the public policy function
 * uses (fetch-policy-versions.ts). This module imports nothing from the AWS SDK, so the public function can
 * use it without loading the SDK.
 */
import { parsePolicyVersion } from '../../domain/policy/version';

export const POLICY_PARTITION = 'POLICY';

/** The sort key prefix of every version item. */
export const POLICY_VERSION_PREFIX = 'VERSION#';

/** `1.2.10` → `VERSION#000001.000002.000010`: string order is version order. */
export function policyVersionKey(version: string) {
  const sortable = parsePolicyVersion(version)
    .map((part) => String(part).padStart(6, '0'))
    .join('.');
  return { pk: POLICY_PARTITION, sk: `${POLICY_VERSION_PREFIX}${sortable}` };
}

/** The attributes a version's list entry is made of (the document stays behind). */
export const POLICY_INFO_FIELDS = [
  'version',
  'effectiveDate',
  'summary',
  'major',
  'publishedBy',
  'publishedAt',
] as const;

/** A ProjectionExpression over names, not words: some of these are DynamoDB reserved words. */
export function policyInfoProjection() {
  return {
    ProjectionExpression: POLICY_INFO_FIELDS.map((_, index) => `#f${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(
      POLICY_INFO_FIELDS.map((field, index) => [`#f${index}`, field]),
    ),
  };
}
