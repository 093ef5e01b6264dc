import { createHash } from 'node:crypto';
import { PRIVACY_OFFICER_GROUP, staffGroupFor } from '../../lambdas/domain/staff/access';
import { loadPolicyDocument } from '../../lib/policy-document';
import { configuredPolicyFile } from '../../lib/policy-module';

/** A development account of the local issuer; the README lists them under "Staff sign-in (local)". */
export interface LocalStaffUser {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly groups: readonly string[];
  /** Stable across restarts, like a Cognito user's `sub`, so data that names a user keeps pointing at them. */
  readonly sub: string;
}

/** One password for every development account. It meets the deployed pool's password policy. */
export const LOCAL_STAFF_PASSWORD = 'Personvern-lokal-2026';

/**
 * The privacy officer (`personvernombud`, all controllers) and one staff user per controller of the
 * policy, named after their group (`staff-sterk-hasle` is in `staff-sterk-hasle`). By default the controllers
 * of the policy cdk.json configures, which `buildApp` synthesizes; the local stack passes its template's.
 */
export function localStaffUsers(
  controllerIds: readonly string[] = policyControllerIds(configuredPolicyFile()),
): LocalStaffUser[] {
  return [
    user('personvernombud', [PRIVACY_OFFICER_GROUP]),
    ...controllerIds.map((id) => user(staffGroupFor(id), [staffGroupFor(id)])),
  ];
}

/** The ids of a policy file's controllers (relative to the repository root). */
export function policyControllerIds(policyFile: string): string[] {
  return loadPolicyDocument(policyFile).controllers.map((controller) => controller.id);
}

function user(username: string, groups: string[]): LocalStaffUser {
  return {
    username,
    password: LOCAL_STAFF_PASSWORD,
    email: `${username}@personvern.test`,
    groups,
    sub: stableUuid(username),
  };
}

/** A UUID-shaped id derived from the username (SHA-256, version and variant bits set as for v5). */
function stableUuid(name: string): string {
  const bytes = createHash('sha256').update(`personvern-local-staff:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
