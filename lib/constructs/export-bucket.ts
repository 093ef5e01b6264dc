import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REQUEST_DATA_LIFETIME } from '../../lambdas/domain/workflow/data-lifetime';

export interface ExportBucketProps {
  readonly key: IKey;
}

/**
 * What a request collects and the export ZIPs built from it, plus staff uploads from manual systems.
 * Encrypted with the data key, private, TLS only. An export is a copy of someone's data and must not
 * linger, but neither may it vanish before the answer is built from it: the request workflow deletes a
 * request's objects a set time after the request closes (lambdas/domain/workflow/data-lifetime.ts). The
 * lifecycle rules here are the backstop for a deletion that never ran, longer than any workflow can live,
 * and clear the parts of an upload that was cut off.
 */
export class ExportBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ExportBucketProps) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [id, reason] of [
      [
        'AwsSolutions-S1',
        'This bucket receives the export bucket’s access logs; logging it would log the logs.',
      ],
      [
        'HIPAA.Security-S3BucketLoggingEnabled',
        'The access-log bucket itself is not logged (it would log the logs).',
      ],
      [
        'NIST.800.53.R5-S3BucketLoggingEnabled',
        'The access-log bucket itself is not logged (it would log the logs).',
      ],
      [
        'HIPAA.Security-S3BucketReplicationEnabled',
        'Access logs are kept in one region; replicating them adds no protection for people’s data.',
      ],
      [
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        'Access logs are kept in one region; replicating them adds no protection for people’s data.',
      ],
      [
        'HIPAA.Security-S3BucketVersioningEnabled',
        'Access logs are written once and expire after a year; versions add nothing.',
      ],
      [
        'NIST.800.53.R5-S3BucketVersioningEnabled',
        'Access logs are written once and expire after a year; versions add nothing.',
      ],
      [
        'HIPAA.Security-S3DefaultEncryptionKMS',
        'S3 server access logging cannot deliver to a bucket encrypted with a customer-managed key.',
      ],
      [
        'NIST.800.53.R5-S3DefaultEncryptionKMS',
        'S3 server access logging cannot deliver to a bucket encrypted with a customer-managed key.',
      ],
    ] as const) {
      Validations.of(accessLogs).acknowledge({ id, reason });
    }

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: ['requests/', 'uploads/'].map((prefix) => ({
        prefix,
        expiration: Duration.days(REQUEST_DATA_LIFETIME.backstopDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [id, reason] of [
      [
        'HIPAA.Security-S3BucketReplicationEnabled',
        'Exports are deleted 14 days after the request closes; a replica would be a second copy of people’s data to keep track of.',
      ],
      [
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        'Exports are deleted 14 days after the request closes; a replica would be a second copy of people’s data to keep track of.',
      ],
      [
        'HIPAA.Security-S3BucketVersioningEnabled',
        'Versioning would keep deleted exports of people’s data beyond their lifetime; each object is written once.',
      ],
      [
        'NIST.800.53.R5-S3BucketVersioningEnabled',
        'Versioning would keep deleted exports of people’s data beyond their lifetime; each object is written once.',
      ],
    ] as const) {
      Validations.of(this.bucket).acknowledge({ id, reason });
    }
  }
}
