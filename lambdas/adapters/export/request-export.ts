/**
 * The export an access or portability answer sends: what the workflow found and decided for the request,
 * read back from the table, built into the ZIP (domain/export/build.ts) and streamed to S3 under the
 * request's own key, encrypted with the data key. Kept out of the respond handler so the handler only wires
 * it, and so the one place that reads objects into a requester's ZIP can be read and tested on its own.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { prepareExport } from '../../domain/export/build';
import { exportFileName, fileNamePrefix } from '../../domain/export/file-name';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { RequestRecord } from '../../domain/requests/record';
import { readingOwnObjectsOnly } from '../../domain/workflow/collected-match';
import { exportKey } from '../../domain/workflow/object-keys';
import type { FindingStore, RetentionStore } from '../../domain/workflow/ports';
import { S3CollectedData } from '../s3/collected-data';
import { s3ObjectOpener, uploadExportToS3 } from './zip-export';

export interface RequestExportOptions {
  readonly client: S3Client;
  /** Holds the collected records and staff uploads it reads, and the export it writes. */
  readonly bucket: string;
  readonly dataKeyArn: string;
  readonly policy: PolicyDocument;
  readonly findings: Pick<FindingStore, 'list'>;
  readonly retention: Pick<RetentionStore, 'get'>;
  /** Stamps the export's generation time; now when not given. */
  readonly clock?: () => Date;
}

/** The `buildExport` of the respond step: the stored export's key and size. */
export function requestExport(options: RequestExportOptions) {
  const { client, bucket, dataKeyArn } = options;
  const collected = new S3CollectedData(client, bucket, dataKeyArn);
  const clock = options.clock ?? (() => new Date());
  return async (request: RequestRecord): Promise<{ key: string; bytes: number }> => {
    const findings = await options.findings.list(request.id);
    const retention = (await options.retention.get(request.id)) ?? [];
    const prepared = await prepareExport(
      { policy: options.policy, request, findings, retention, generatedAt: clock().toISOString() },
      {
        readCollected: (systemId) => collected.source(request.id, systemId),
        // Only this request's own objects, whatever a finding names (defence in depth, pen test issue 17).
        openUpload: readingOwnObjectsOnly(request.id, s3ObjectOpener(client, bucket)),
      },
    );
    const key = exportKey(request.id);
    const { bytes } = await uploadExportToS3({
      client,
      bucket,
      key,
      kmsKeyId: dataKeyArn,
      files: prepared.files,
      downloadName: exportFileName(
        fileNamePrefix(options.policy.organisation.name),
        request.id,
        request.type,
      ),
    });
    return { key, bytes };
  };
}
