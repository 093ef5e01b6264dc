/**
 * Which of the template's resources are encrypted with which of its customer managed KMS keys, and each key's
 * key policy: what the local IAM check needs to ask for the kms:* permissions AWS asks the caller for when a
 * service uses the key on its behalf (S3 with SSE-KMS, SQS and Secrets Manager with a KMS key). Keys are named
 * by the ARN the roles' policies resolve them to (`arn:aws:kms:<region>:<account>:key/<logical id>`).
 * AWS managed keys (`alias/aws/sqs` and the like) are not the template's and are left out: their key policies
 * allow every principal of the account through the service.
 */
import { type PolicyDocument, policyResolver, resolveDocument } from './iam';
import { resolveIntrinsics, UnresolvableIntrinsicError } from './intrinsics';
import { localResolver } from './resources';
import type { CfnTemplate } from './types';

export interface BucketEncryption {
  readonly keyArn: string;
  /** With an S3 Bucket Key, S3 uses the bucket's ARN as the encryption context instead of the object's. */
  readonly bucketKey: boolean;
}

export interface TemplateEncryption {
  /** By the bucket's local name: the key its default encryption (SSE-KMS) uses. */
  readonly buckets: ReadonlyMap<string, BucketEncryption>;
  /** By the queue's ARN (`arn:aws:sqs:<region>:<account>:<logical id>`). */
  readonly queues: ReadonlyMap<string, string>;
  /** By the secret's ARN. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Each of the template's keys' key policy, by the key's ARN. */
  readonly keyPolicies: ReadonlyMap<string, PolicyDocument>;
  /** The template key a reference names (its ARN in either local form, its logical id), or undefined. */
  keyArnOf(reference: string): string | undefined;
}

export function readEncryption(template: CfnTemplate): TemplateEncryption {
  const resources = template.Resources;
  const policies = policyResolver(resources);
  const keyIds = Object.keys(resources).filter((id) => resources[id]?.Type === 'AWS::KMS::Key');
  const keyArn = (id: string) => policies.getAtt(id, 'Arn');
  // Handlers get a key's ARN from the local resolver (`…:<logical id>`), policies from the policy resolver
  // (`…:key/<logical id>`); a header or a property may carry either, or the key id (its logical id locally).
  const keyArnOf = (reference: string): string | undefined => {
    const id = keyIds.find(
      (candidate) =>
        reference === candidate || reference.endsWith(`:${candidate}`) || reference.endsWith(`/${candidate}`),
    );
    return id === undefined ? undefined : keyArn(id);
  };
  const keyOf = (value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    try {
      return keyArnOf(String(resolveIntrinsics(value, policies)));
    } catch (error) {
      if (error instanceof UnresolvableIntrinsicError) return undefined;
      throw error;
    }
  };

  const buckets = new Map<string, BucketEncryption>();
  const queues = new Map<string, string>();
  const secrets = new Map<string, string>();
  const names = localResolver(resources);
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::S3::Bucket') {
      const rules =
        (
          props.BucketEncryption as
            | { ServerSideEncryptionConfiguration?: Record<string, unknown>[] }
            | undefined
        )?.ServerSideEncryptionConfiguration ?? [];
      for (const rule of rules) {
        const sse = rule.ServerSideEncryptionByDefault as
          | { SSEAlgorithm?: string; KMSMasterKeyID?: unknown }
          | undefined;
        if (sse?.SSEAlgorithm !== 'aws:kms' && sse?.SSEAlgorithm !== 'aws:kms:dsse') continue;
        const key = keyOf(sse.KMSMasterKeyID);
        if (key !== undefined)
          buckets.set(names.ref(id), { keyArn: key, bucketKey: rule.BucketKeyEnabled === true });
      }
    }
    if (resource.Type === 'AWS::SQS::Queue') {
      const key = keyOf(props.KmsMasterKeyId);
      if (key !== undefined) queues.set(policies.getAtt(id, 'Arn'), key);
    }
    if (resource.Type === 'AWS::SecretsManager::Secret') {
      const key = keyOf(props.KmsKeyId);
      if (key !== undefined) secrets.set(policies.ref(id), key);
    }
  }
  const keyPolicies = new Map(
    keyIds.map((id) => [keyArn(id), resolveDocument(resources[id]?.Properties?.KeyPolicy, policies, [])]),
  );
  return { buckets, queues, secrets, keyPolicies, keyArnOf };
}
