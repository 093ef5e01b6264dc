/**
 * The requester's short-lived link to their export, or undefined when the export is not in S3 any more.
 * The domain tells "gone" (410) from a fault (500) by that undefined, so the line between them is drawn
 * here, where S3's answers are known.
 */
import { HeadObjectCommand, NotFound, type S3Client } from '@aws-sdk/client-s3';
import { exportFileName } from '../../domain/export/file-name';
import { exportKey } from '../../domain/workflow/object-keys';
import { presignDownload } from './presign';

/**
 * The function may list the `requests/` prefix, so S3 answers a missing object with 404 rather than 403;
 * any other error (a 403 from a grant that went missing, say) is a fault and stays one. `client` must be
 * a presigning client (presign.ts), or the URL carries checksums a browser cannot match. `fileNamePrefix`
 * is the organisation's, from the environment (domain/export/file-name.ts).
 */
export function exportDownloadUrl(client: S3Client, bucket: string, fileNamePrefix: string) {
  return async (requestId: string, expiresInSeconds: number): Promise<string | undefined> => {
    const key = exportKey(requestId);
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
    return presignDownload(client, {
      bucket,
      key,
      fileName: exportFileName(fileNamePrefix, requestId),
      expiresInSeconds,
    });
  };
}
