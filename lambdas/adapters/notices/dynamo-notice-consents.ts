/**
 * Records consents to change notices in the table (adapters/notices/dynamo-notices.ts), with the policy
 * version in effect at that moment: the published version, or the bundled seed (PolicyCatalogue). The
 * intake handlers hand it to their domain functions as `noticeConsents`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NoticeConsents } from '../../domain/notices/consent';
import { recipientKey } from '../../domain/notices/recipients';
import type { Language } from '../../domain/policy/language';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { bundledPolicy } from '../policy/bundled-policy';
import { DynamoPolicyVersions } from '../policy/dynamo-policy-versions';
import { PolicyCatalogue } from '../policy/policy-catalogue';
import { DynamoNotices } from './dynamo-notices';

export class DynamoNoticeConsents implements NoticeConsents {
  private readonly notices: DynamoNotices;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly pseudonyms: Pseudonyms,
    private readonly catalogue: Pick<PolicyCatalogue, 'listing'>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.notices = new DynamoNotices(client, tableName);
  }

  async record(email: string, lang: Language, givenVia: string): Promise<void> {
    const { current } = await this.catalogue.listing();
    await this.notices.recordConsent(recipientKey(this.pseudonyms, email), {
      email: email.trim(),
      lang,
      policyVersion: current.version,
      givenAt: this.clock().toISOString(),
      givenVia,
    });
  }
}

/** The consents store the intake handlers use: the current version read from the published versions. */
export function noticeConsentsIn(
  client: DynamoDBDocumentClient,
  tableName: string,
  pseudonyms: Pseudonyms,
): DynamoNoticeConsents {
  return new DynamoNoticeConsents(
    client,
    tableName,
    pseudonyms,
    new PolicyCatalogue(new DynamoPolicyVersions(client, tableName), bundledPolicy),
  );
}
