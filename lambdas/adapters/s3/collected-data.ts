/**
 * What connectors collected, in the export bucket: one JSON Lines object per system and record kind,
 * `requests/<requestId>/collected/<systemId>/<kind>.jsonl`, encrypted with the data key. The export step
 * streams them back into the requester's ZIP; the request workflow deletes them with the export once the
 * request has been closed for a while (domain/workflow/data-lifetime.ts).
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CollectedData, CollectedRecord } from '../../domain/connectors/connector';
import type { CollectedSource } from '../../domain/export/files';
import type { CollectedObject } from '../../domain/workflow/findings';
import { collectedPrefix } from '../../domain/workflow/object-keys';
import type { CollectedDataStore } from '../../domain/workflow/ports';

export class S3CollectedData implements CollectedDataStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly kmsKeyId?: string,
  ) {}

  async write(
    requestId: string,
    systemId: string,
    data: CollectedData,
  ): Promise<{ prefix: string; objects: CollectedObject[] }> {
    const prefix = collectedPrefix(requestId, systemId);
    const objects: CollectedObject[] = [];
    for (const [kind, records] of Object.entries(data.records)) {
      const key = `${prefix}${kind}.jsonl`;
      const body = records.map((record) => JSON.stringify(record)).join('\n');
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/x-ndjson',
          ServerSideEncryption: 'aws:kms',
          ...(this.kmsKeyId === undefined ? {} : { SSEKMSKeyId: this.kmsKeyId }),
        }),
      );
      objects.push({ kind, key, records: records.length, bytes: Buffer.byteLength(body, 'utf8') });
    }
    return { prefix, objects };
  }

  /** The record kinds collected from one system, e.g. `member`, `tags`. */
  async kinds(requestId: string, systemId: string): Promise<string[]> {
    const prefix = collectedPrefix(requestId, systemId);
    const { Contents } = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix }),
    );
    return (Contents ?? [])
      .map((object) => object.Key?.slice(prefix.length).replace(/\.jsonl$/, '') ?? '')
      .filter((kind) => kind !== '');
  }

  /** What was collected from one system, as the export reads it: each kind, its records read lazily. */
  async source(requestId: string, systemId: string): Promise<CollectedSource> {
    return {
      kinds: (await this.kinds(requestId, systemId)).map((kind) => ({
        kind,
        records: () => this.read(requestId, systemId, kind),
      })),
    };
  }

  /** Streams one kind's records back, line by line, without holding the object in memory. */
  async *read(requestId: string, systemId: string, kind: string): AsyncGenerator<CollectedRecord> {
    const { Body } = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: `${collectedPrefix(requestId, systemId)}${kind}.jsonl`,
      }),
    );
    if (Body === undefined) return;
    let rest = '';
    for await (const chunk of Body as AsyncIterable<Uint8Array>) {
      rest += Buffer.from(chunk).toString('utf8');
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield JSON.parse(line) as CollectedRecord;
    }
    if (rest !== '') yield JSON.parse(rest) as CollectedRecord;
  }
}
