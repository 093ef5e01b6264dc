import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

export type BucketAction = 'GetObject' | 'PutObject' | 'AbortMultipartUpload' | 'DeleteObject' | 'ListBucket';

/**
 * Grants exactly the S3 actions a function uses on one prefix of a bucket, and the key's use they need.
 * CDK's bucket grants add `s3:DeleteObject*`, `s3:Abort*` and `kms:ReEncrypt*`/`GenerateDataKey*`
 * wildcards; these are the named actions only. The prefix wildcard is acknowledged here, with its reason.
 */
export function grantBucket(
  bucket: IBucket,
  key: IKey,
  role: IRole,
  actions: BucketAction[],
  prefix: 'requests' | 'uploads',
): void {
  const objectActions = actions.filter((a) => a !== 'ListBucket');
  if (objectActions.length > 0) {
    Grant.addToPrincipal({
      grantee: role,
      actions: objectActions.map((a) => `s3:${a}`),
      resourceArns: [bucket.arnForObjects(`${prefix}/*`)],
    });
  }
  if (actions.includes('ListBucket')) {
    Grant.addToPrincipal({
      grantee: role,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}/*`] } },
    });
  }
  // Listing and deleting touch no object's content, so they need no key.
  const writes = actions.includes('PutObject');
  if (writes || actions.includes('GetObject'))
    key.grant(role, 'kms:Decrypt', ...(writes ? ['kms:GenerateDataKey'] : []));
  if (objectActions.length === 0) return;
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
    reason: `Objects are keyed by request id under ${prefix}/; the function may touch that prefix only, with the named actions only.`,
  });
}

/** The acknowledgement `grantTable(…, { indexes: true })` needs, on the role it granted. */
export function acknowledgeIndexQueries(tableLogicalId: string, role: IRole): void {
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
    reason:
      'Query on the table’s own indexes (subject, open tasks, requests by company); no other table and no Scan.',
  });
}
