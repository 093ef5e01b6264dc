/**
 * Published policy versions read without the AWS SDK, for the public policy function: the same Query and
 * GetItem as dynamo-policy-versions.ts, sent through DynamoDB's JSON API with a signed fetch
 * (adapters/aws-fetch/dynamodb-json.ts). The function only reads (its role holds GetItem and Query and
 * nothing else), so this store refuses to write.
 *
 * The items are checked as they are unmarshalled: each attribute must be there with the type the publishing
 * adapter writes (strings, and a boolean for `major`). An item that is not is reported as an error, not
 * turned into a page: the function then serves its bundled document (get-policy.ts).
 */

import type { PolicyVersionStore, StoredPolicyVersion } from '../../domain/policy/publish';
import { POLICY_VERSION_PATTERN } from '../../domain/policy/version';
import type { PolicyVersionInfo } from '../../domain/policy/versions';
import type { DynamoDbJson, WireItem } from '../aws-fetch/dynamodb-json';
import {
  POLICY_PARTITION,
  POLICY_VERSION_PREFIX,
  policyInfoProjection,
  policyVersionKey,
} from './policy-version-item';

/** A stored version item that is not what the publishing adapter writes. */
export class MalformedPolicyVersionItem extends Error {
  override name = 'MalformedPolicyVersionItem';
}

export class FetchPolicyVersions implements PolicyVersionStore {
  constructor(
    private readonly dynamodb: Pick<DynamoDbJson, 'call'>,
    private readonly tableName: string,
  ) {}

  async list(): Promise<PolicyVersionInfo[]> {
    const infos: PolicyVersionInfo[] = [];
    let startKey: unknown;
    do {
      const page = await this.dynamodb.call('Query', {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': { S: POLICY_PARTITION },
          ':prefix': { S: POLICY_VERSION_PREFIX },
        },
        // The documents stay behind: the list needs only their facts.
        ...policyInfoProjection(),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      });
      if (!Array.isArray(page.Items)) throw new MalformedPolicyVersionItem('The Query answer has no Items');
      infos.push(...page.Items.map((item: WireItem) => infoOf(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return infos;
  }

  async get(version: string): Promise<StoredPolicyVersion | undefined> {
    if (!POLICY_VERSION_PATTERN.test(version)) return undefined;
    const { pk, sk } = policyVersionKey(version);
    const { Item } = await this.dynamodb.call('GetItem', {
      TableName: this.tableName,
      Key: { pk: { S: pk }, sk: { S: sk } },
    });
    if (Item === undefined) return undefined;
    const item = Item as WireItem;
    const info = infoOf(item);
    if (info.version !== version) {
      throw new MalformedPolicyVersionItem(`The item under version ${version} holds version ${info.version}`);
    }
    return { info, documentJson: stringOf(item, 'document') };
  }

  async put(_version: StoredPolicyVersion): Promise<boolean> {
    throw new Error('The public policy function only reads policy versions; publishing stores them');
  }
}

function infoOf(item: WireItem): PolicyVersionInfo {
  const version = stringOf(item, 'version');
  if (!POLICY_VERSION_PATTERN.test(version)) {
    throw new MalformedPolicyVersionItem(`A stored policy version is not MAJOR.MINOR.PATCH: "${version}"`);
  }
  return {
    version,
    effectiveDate: stringOf(item, 'effectiveDate'),
    summary: stringOf(item, 'summary'),
    major: booleanOf(item, 'major'),
    publishedBy: stringOf(item, 'publishedBy'),
    publishedAt: stringOf(item, 'publishedAt'),
    source: 'published',
  };
}

function stringOf(item: WireItem, name: string): string {
  const value = item[name];
  if (value !== undefined && 'S' in value && typeof value.S === 'string') return value.S;
  throw new MalformedPolicyVersionItem(`A stored policy version's ${name} is not a string`);
}

function booleanOf(item: WireItem, name: string): boolean {
  const value = item[name];
  if (value !== undefined && 'BOOL' in value && typeof value.BOOL === 'boolean') return value.BOOL;
  throw new MalformedPolicyVersionItem(`A stored policy version's ${name} is not a boolean`);
}
