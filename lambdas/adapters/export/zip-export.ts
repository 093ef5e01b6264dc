/**
 * Writes the export ZIP as a stream: yazl deflates one entry at a time, each entry's content is piped
 * in (so a slow consumer, S3 or disk, holds the producers back), and the files iterable is only asked
 * for its next file when the previous one has been read to the end. Memory stays at a few stream
 * buffers whatever the export's size; an upload to S3 adds its part buffers (partSize × queueSize).
 *
 * A failure anywhere (a content stream, the ZIP writer, the target) stops everything: the current
 * content stream is destroyed, the files iterable is closed and the returned promise rejects with the
 * first error. The ZIP is then incomplete and must not be used; an S3 upload is aborted by lib-storage.
 */
import { Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ZipFile } from 'yazl';

export interface ZipEntrySource {
  /** The entry's path inside the ZIP, `/`-separated and relative. */
  readonly path: string;
  readonly content: AsyncIterable<string | Uint8Array> | Readable;
}

/** Where the ZIP bytes go: a stream (a file), or a function that consumes them (an S3 upload). */
export type ZipTarget = Writable | ((zip: Readable) => Promise<unknown>);

export interface WriteExportZipOptions {
  readonly target: ZipTarget;
  readonly files: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>;
  /** Modification time stamped on every entry; now when not given. */
  readonly mtime?: Date;
}

export interface ExportZipResult {
  /** Size of the ZIP file in bytes. */
  readonly bytes: number;
  readonly entries: number;
}

const CHUNK_HIGH_WATER_MARK = 64 * 1024;

export async function writeExportZip({
  target,
  files,
  mtime,
}: WriteExportZipOptions): Promise<ExportZipResult> {
  const zip = new ZipFile();
  // yazl's output is a PassThrough; its typings only promise the ReadableStream interface.
  const zipOutput = zip.outputStream as Readable;
  const counter = new ByteCounter();
  zipOutput.pipe(counter);
  let firstError: unknown;
  let current: Readable | undefined;
  const fail = (error: unknown) => {
    firstError ??= error;
    current?.destroy(error instanceof Error ? error : new Error(String(error)));
    // pipe() does not forward errors, so each end of the ZIP stream is failed explicitly.
    if (!zipOutput.destroyed) zipOutput.destroy(error as Error);
    if (!counter.destroyed) counter.destroy(error as Error);
  };
  zip.on('error', fail);
  zipOutput.on('error', fail);

  const sink = (async () => {
    if (typeof target === 'function') await target(counter);
    else await pipeline(counter, target);
  })();

  const feed = (async () => {
    let entries = 0;
    const when = mtime ?? new Date();
    for await (const file of files) {
      if (firstError !== undefined) break;
      const source =
        file.content instanceof Readable
          ? file.content
          : Readable.from(asBuffers(file.content), {
              objectMode: false,
              highWaterMark: CHUNK_HIGH_WATER_MARK,
            });
      current = source;
      const done = finished(source);
      zip.addReadStream(source, file.path, { mtime: when, compress: true });
      entries++;
      await done;
      current = undefined;
    }
    if (firstError !== undefined) throw firstError;
    zip.end();
    return entries;
  })();

  const [sunk, fed] = await Promise.allSettled([
    sink.catch((error: unknown) => {
      fail(error);
      throw error;
    }),
    feed.catch((error: unknown) => {
      fail(error);
      throw error;
    }),
  ]);
  if (firstError !== undefined) throw firstError;
  if (sunk.status === 'rejected') throw sunk.reason;
  if (fed.status === 'rejected') throw fed.reason;
  return { bytes: counter.bytes, entries: fed.value };
}

export interface UploadExportOptions {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly files: WriteExportZipOptions['files'];
  /** The customer managed KMS key; without it S3 uses the bucket's default KMS key (aws/s3). */
  readonly kmsKeyId?: string;
  readonly mtime?: Date;
  /** Bytes per multipart part (at least 5 MiB). Default 8 MiB. */
  readonly partSize?: number;
  /** Parts uploaded at once. Default 2: memory is partSize × queueSize, plus the ZIP's stream buffers. */
  readonly queueSize?: number;
  /** Suggested file name for a download, e.g. "sterk-innsyn-r-123.zip". */
  readonly downloadName?: string;
}

/**
 * Streams the ZIP straight into S3 with SSE-KMS (`ServerSideEncryption: aws:kms`, and `SSEKMSKeyId`
 * when given): a single PUT when it is smaller than one part, a multipart upload otherwise.
 */
export async function uploadExportToS3(options: UploadExportOptions): Promise<ExportZipResult> {
  const { client, bucket, key, kmsKeyId, downloadName } = options;
  return writeExportZip({
    files: options.files,
    ...(options.mtime === undefined ? {} : { mtime: options.mtime }),
    target: async (zip) => {
      const upload = new Upload({
        client,
        partSize: options.partSize ?? 8 * 1024 * 1024,
        queueSize: options.queueSize ?? 2,
        leavePartsOnError: false,
        params: {
          Bucket: bucket,
          Key: key,
          Body: zip,
          ContentType: 'application/zip',
          ServerSideEncryption: 'aws:kms',
          ...(kmsKeyId === undefined ? {} : { SSEKMSKeyId: kmsKeyId }),
          ...(downloadName === undefined ? {} : { ContentDisposition: contentDisposition(downloadName) }),
        },
      });
      await upload.done();
    },
  });
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function* asBuffers(content: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of content) {
    if (typeof chunk === 'string') {
      if (chunk !== '') yield Buffer.from(chunk, 'utf8');
    } else if (chunk.byteLength > 0) {
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
}

class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * The `openUpload` port over S3: each staff upload's GetObject body, streamed. The request is made
 * when the ZIP reaches the file, so only one body is open at a time.
 */
export function s3ObjectOpener(client: S3Client, bucket: string): (key: string) => Promise<Readable> {
  return async (key) => {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!(Body instanceof Readable)) throw new Error(`S3 object ${key} has no readable body`);
    return Body;
  };
}
