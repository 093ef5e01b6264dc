/**
 * The policy the consent routes follow: the version in effect, from the same catalogue the notice is served
 * from (adapters/policy/policy-catalogue.ts: published versions in the table, the bundled document as the
 * seed, the list re-read at most once a minute per warm function). So a version published through the
 * console changes the banner within a minute and a deploy is not needed; the banner and the notice show the
 * same version. Should the table be unreadable, the bundled seed is used, as `GET /policy` does.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consentPurposes } from '../../domain/consent/purposes';
import type { PolicyDocument } from '../../domain/policy/schema';
import { logger } from '../observability/logger';
import { DynamoPolicyVersions } from '../policy/dynamo-policy-versions';
import { PolicyCatalogue } from '../policy/policy-catalogue';

export interface ConsentPolicy {
  /** The version in effect, and whether the bundled seed stands in for an unreadable table. */
  current(): Promise<{ readonly document: PolicyDocument; readonly degraded: boolean }>;
  /** The purposes the banner of a published version asks about; undefined for an unknown version. */
  purposesOf(version: string): Promise<readonly string[] | undefined>;
}

export function consentPolicy(
  client: DynamoDBDocumentClient,
  tableName: string,
  bundled: PolicyDocument,
): ConsentPolicy {
  const catalogue = new PolicyCatalogue(new DynamoPolicyVersions(client, tableName), bundled);
  return {
    async current() {
      try {
        return { document: (await catalogue.current()).document, degraded: false };
      } catch (error) {
        logger.error('Policy versions unreadable; the consent banner follows the bundled policy', { error });
        return { document: bundled, degraded: true };
      }
    },
    async purposesOf(version) {
      const found = version === bundled.version ? { document: bundled } : await catalogue.version(version);
      return found === undefined ? undefined : consentPurposes(found.document).map((purpose) => purpose.id);
    },
  };
}
