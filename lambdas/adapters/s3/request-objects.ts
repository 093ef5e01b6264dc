/**
 * Every object one request stored in the export bucket, under `requests/<id>/` (collected records, the
 * export) and `uploads/<id>/` (staff uploads): listed for the respond step's check, deleted by the purge.
 */
import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { requestPrefix, uploadsPrefix } from '../../domain/workflow/object-keys';
import type { RequestObjectStore } from '../../domain/workflow/ports';

export class S3RequestObjects implements RequestObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async list(requestId: string): Promise<ReadonlyMap<string, number>> {
    const sizes = new Map<string, number>();
    for (const prefix of [requestPrefix(requestId), uploadsPrefix(requestId)]) {
      for await (const { key, size } of this.objectsUnder(prefix)) sizes.set(key, size);
    }
    return sizes;
  }

  /** One DeleteObject per key: a request stores a handful of objects, and a repeat deletes what is left. */
  async deleteAll(requestId: string): Promise<number> {
    let deleted = 0;
    for (const key of (await this.list(requestId)).keys()) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      deleted++;
    }
    return deleted;
  }

  private async *objectsUnder(prefix: string): AsyncGenerator<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) yield { key: object.Key, size: object.Size ?? 0 };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }
}
