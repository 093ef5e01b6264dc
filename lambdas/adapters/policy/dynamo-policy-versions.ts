/**
 * Published policy versions in the single table: one item per version in the `POLICY` partition, sorted by
 * a zero-padded version so a Query reads them in version order. The item holds the version's facts and the
 * document as canonical JSON text (≈50 KB, well under DynamoDB's 400 KB). Versions are written once
 * (conditional Put) and never changed or removed. The public policy function reads them without the SDK
 * (fetch-policy-versions.ts); the key and the attributes are in policy-version-item.ts for both.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyVersionStore, StoredPolicyVersion } from '../../domain/policy/publish';
import { POLICY_VERSION_PATTERN } from '../../domain/policy/version';
import type { PolicyVersionInfo } from '../../domain/policy/versions';
import { queryAll } from '../store/query-all';
import {
  POLICY_PARTITION,
  POLICY_VERSION_PREFIX,
  policyInfoProjection,
  policyVersionKey,
} from './policy-version-item';

export class DynamoPolicyVersions implements PolicyVersionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<PolicyVersionInfo[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': POLICY_PARTITION, ':prefix': POLICY_VERSION_PREFIX },
      // The documents stay behind: the list needs only their facts.
      ...policyInfoProjection(),
    });
    return items.map(toInfo);
  }

  async get(version: string): Promise<StoredPolicyVersion | undefined> {
    if (!POLICY_VERSION_PATTERN.test(version)) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: policyVersionKey(version) }),
    );
    if (Item === undefined) return undefined;
    return { info: toInfo(Item), documentJson: String(Item.document) };
  }

  async put({ info, documentJson }: StoredPolicyVersion): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...policyVersionKey(info.version),
            kind: 'policy-version',
            version: info.version,
            effectiveDate: info.effectiveDate,
            summary: info.summary,
            major: info.major,
            publishedBy: info.publishedBy,
            publishedAt: info.publishedAt,
            document: documentJson,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function toInfo(item: Record<string, unknown>): PolicyVersionInfo {
  return {
    version: String(item.version),
    effectiveDate: String(item.effectiveDate),
    summary: String(item.summary),
    major: item.major === true,
    publishedBy: String(item.publishedBy),
    publishedAt: String(item.publishedAt),
    source: 'published',
  };
}
