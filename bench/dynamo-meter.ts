/**
 * Counts the DynamoDB calls that reach the local dynalite and the request units AWS would bill for them.
 *
 * dynalite runs in this process (local/emulators/dynamodb.ts), so Node's `http.server.request.start`
 * diagnostics channel sees each call it serves, with the request and the response; nothing sits in the
 * path and nothing in local/ changes. Calls whose user agent holds `BENCH_AGENT` (the bench's own
 * polling and sizing) are left out.
 *
 * Units follow the on-demand rules: a read costs one RRU per 4 KB read (half for eventually consistent
 * reads, at least one read's worth per call), a write one WRU per 1 KB of the item as written, and every
 * global secondary index the item is in (after the write, or whose key the write removes) costs the same
 * again. Item sizes are computed the way DynamoDB defines them (attribute names plus values). For an
 * UpdateItem the item is read back afterwards (by the bench, uncounted) to size it. A conditional write
 * that fails still costs its units, as on AWS.
 */
import { type Channel, channel } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalTable } from '../local/template/resources';

export const BENCH_AGENT = 'personvern-bench';

export interface DynamoTotals {
  calls: Record<string, number>;
  readCalls: number;
  writeCalls: number;
  readUnits: number;
  writeUnits: number;
  /** Of writeUnits, the share spent on keeping global secondary indexes up to date. */
  indexWriteUnits: number;
  /** Items read by Query and Scan calls (ScannedCount). */
  itemsScanned: number;
}

type Item = Record<string, AttributeValue>;

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

interface Index {
  readonly name: string;
  readonly keys: string[];
}

export class DynamoMeter {
  /**
   * Off for load runs: sizing an UpdateItem reads the item back, which would add load to what is measured.
   * Calls are still counted; units are then not.
   */
  sizeUpdates = true;
  private totals = emptyTotals();
  private readonly pending = new Set<Promise<void>>();
  private readonly indexes: Index[];
  private readonly port: number;
  private readonly onRequest = (message: unknown) => this.observe(message);
  private readonly start: Channel = channel('http.server.request.start');

  constructor(
    endpoint: string,
    table: LocalTable,
    private readonly db: DynamoDBDocumentClient,
  ) {
    this.port = Number(new URL(endpoint).port);
    const gsis = ((table.properties as { GlobalSecondaryIndexes?: unknown[] }).GlobalSecondaryIndexes ??
      []) as { IndexName: string; KeySchema: { AttributeName: string }[] }[];
    this.indexes = gsis.map((gsi) => ({
      name: gsi.IndexName,
      keys: gsi.KeySchema.map((k) => k.AttributeName),
    }));
    this.start.subscribe(this.onRequest);
  }

  /** Totals since the last reset, once every sizing read-back has finished. */
  async snapshot(): Promise<DynamoTotals> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return structuredClone(this.totals);
  }

  async reset(): Promise<void> {
    await this.snapshot();
    this.totals = emptyTotals();
  }

  close(): void {
    this.start.unsubscribe(this.onRequest);
  }

  private observe(message: unknown): void {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.socket.localPort !== this.port) return;
    if (String(request.headers['user-agent'] ?? '').includes(BENCH_AGENT)) return;
    if (String(request.headers['x-amz-user-agent'] ?? '').includes(BENCH_AGENT)) return;
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    const requestBody: Buffer[] = [];
    request.on('data', (chunk: Buffer) => requestBody.push(chunk));
    const responseBody: Buffer[] = [];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') responseBody.push(Buffer.from(chunk as string));
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
        responseBody.push(Buffer.from(chunk as string));
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    response.on('finish', () => {
      const counting = this.count(
        operation,
        parse(Buffer.concat(requestBody)),
        parse(Buffer.concat(responseBody)),
      ).catch(() => undefined);
      this.pending.add(counting);
      void counting.finally(() => this.pending.delete(counting));
    });
  }

  private async count(operation: string, input: Json, output: Json): Promise<void> {
    const t = this.totals;
    t.calls[operation] = (t.calls[operation] ?? 0) + 1;
    if (READS.has(operation)) {
      t.readCalls += 1;
      t.readUnits += this.readUnits(operation, input, output);
      return;
    }
    if (!WRITES.has(operation)) return;
    t.writeCalls += 1;
    const writes: { item: Item | undefined; removes: string }[] = [];
    if (operation === 'PutItem') writes.push({ item: input.Item as Item, removes: '' });
    if (operation === 'DeleteItem') writes.push({ item: undefined, removes: '' });
    if (operation === 'BatchWriteItem') {
      for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, Json[]>)) {
        for (const r of requests) {
          const put = r.PutRequest as Json | undefined;
          writes.push({ item: put?.Item as Item | undefined, removes: '' });
        }
      }
    }
    if (operation === 'UpdateItem' && !this.sizeUpdates) return;
    if (operation === 'UpdateItem') {
      const { Item: after } = await this.db.send(
        new GetCommand({ TableName: String(input.TableName), Key: unmarshallKey(input.Key as Item) }),
      );
      writes.push({
        item: after === undefined ? undefined : marshall(after, { removeUndefinedValues: true }),
        removes: String(input.UpdateExpression ?? ''),
      });
    }
    for (const { item, removes } of writes) {
      const units = item === undefined ? 1 : Math.max(1, Math.ceil(itemSize(item) / 1024));
      t.writeUnits += units;
      for (const index of this.indexes) {
        const inIndex = item !== undefined && index.keys.every((key) => key in item);
        const leaves = /\bREMOVE\b/.test(removes) && index.keys.some((key) => removes.includes(key));
        if (inIndex || leaves) {
          t.writeUnits += units;
          t.indexWriteUnits += units;
        }
      }
    }
  }

  private readUnits(operation: string, input: Json, output: Json): number {
    const factor = input.ConsistentRead === true ? 1 : 0.5;
    if (operation === 'GetItem') {
      const item = output.Item as Item | undefined;
      return factor * Math.max(1, Math.ceil((item === undefined ? 0 : itemSize(item)) / 4096));
    }
    if (operation === 'BatchGetItem') {
      const all = Object.values((output.Responses ?? {}) as Record<string, Item[]>).flat();
      return all.reduce((sum, item) => sum + factor * Math.max(1, Math.ceil(itemSize(item) / 4096)), 0);
    }
    // Query and Scan: the bytes of the items read (before any filter), in 4 KB steps per call.
    const items = (output.Items ?? []) as Item[];
    const scanned = Number(output.ScannedCount ?? items.length);
    this.totals.itemsScanned += scanned;
    const returnedBytes = items.reduce((sum, item) => sum + itemSize(item), 0);
    const bytes = items.length > 0 ? (returnedBytes / items.length) * scanned : 0;
    return factor * Math.max(1, Math.ceil(bytes / 4096));
  }
}

type Json = Record<string, unknown>;

function parse(body: Buffer): Json {
  try {
    return JSON.parse(body.toString('utf8')) as Json;
  } catch {
    return {};
  }
}

function emptyTotals(): DynamoTotals {
  return {
    calls: {},
    readCalls: 0,
    writeCalls: 0,
    readUnits: 0,
    writeUnits: 0,
    indexWriteUnits: 0,
    itemsScanned: 0,
  };
}

function unmarshallKey(key: Item): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(key).map(([name, value]) => [name, value.S ?? Number(value.N ?? 0)]),
  );
}

/** DynamoDB's item size: UTF-8 bytes of every attribute name plus its value (numbers ~1 byte per 2 digits). */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value),
    0,
  );
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\./g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((s, v) => s + Buffer.byteLength(v), 0);
  if (value.NS !== undefined) return value.NS.reduce((s, v) => s + Math.ceil(v.length / 2) + 1, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((s, v) => s + 1 + valueSize(v), 0);
  if (value.M !== undefined)
    return 3 + Object.entries(value.M).reduce((s, [k, v]) => s + Buffer.byteLength(k) + 1 + valueSize(v), 0);
  return 0;
}
