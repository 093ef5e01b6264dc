/**
 * Presigned S3 URLs for browsers: a staff member's PUT of a manual system's export, and a requester's GET
 * of their export ZIP.
 *
 * Since SDK v3.729 the S3 client adds flexible checksums by default: a presigned PUT gets
 * `x-amz-sdk-checksum-algorithm=CRC32` and `x-amz-checksum-crc32` of an *empty* body in its query, and a
 * presigned GET `x-amz-checksum-mode`. A browser cannot know, let alone match, a checksum signed before the
 * file was chosen, so S3 refuses every real upload through such a URL (BadDigest). The client used here
 * computes and validates checksums only when an operation requires one, so a URL signs no more than the
 * request line, the host and the headers the browser is told to send.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** The S3 client for presigning: path-style (the console's CSP allows the regional S3 origin only), no default checksums. */
export function presigningS3Client(): S3Client {
  return new S3Client({
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface PresignedUploadInput {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  /** Exact size in bytes: signed, so S3 refuses a file of any other size. */
  readonly size: number;
  /** The customer-managed key the object must be encrypted with: signed as well. */
  readonly kmsKeyArn: string;
  readonly expiresInSeconds: number;
}

export interface PresignedUpload {
  readonly url: string;
  /** What the browser must send with the PUT: exactly the signed headers (the browser adds Host itself). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A presigned PUT for one file. Type, size and encryption are signed into it. */
export async function presignUpload(client: S3Client, input: PresignedUploadInput): Promise<PresignedUpload> {
  const headers = {
    'Content-Type': input.contentType,
    'Content-Length': String(input.size),
    'x-amz-server-side-encryption': 'aws:kms',
    'x-amz-server-side-encryption-aws-kms-key-id': input.kmsKeyArn,
  };
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: input.kmsKeyArn,
    }),
    {
      expiresIn: input.expiresInSeconds,
      // Signed as headers, so S3 refuses a file of another type or size.
      signableHeaders: new Set(['content-type', 'content-length']),
    },
  );
  return { url, headers };
}

export interface PresignedDownloadInput {
  readonly bucket: string;
  readonly key: string;
  /** The name the browser saves the file under. */
  readonly fileName: string;
  readonly expiresInSeconds: number;
}

/** A presigned GET that downloads the object as an attachment. */
export function presignDownload(client: S3Client, input: PresignedDownloadInput): Promise<string> {
  return getSignedUrl(
    client,
    new GetObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ResponseContentDisposition: `attachment; filename="${input.fileName}"`,
    }),
    { expiresIn: input.expiresInSeconds },
  );
}
