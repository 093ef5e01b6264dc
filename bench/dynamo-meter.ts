/**
 * Counts the DynamoDB calls that reach the local dynalite and the request units AWS would bill for them:
 * what `ReturnConsumedCapacity: 'INDEXES'` reports on AWS, the table's units and each index's.
 *
 * dynalite runs in this process (local/emulators/dynamodb.ts), so Node's `http.server.request.start`
 * diagnostics channel sees each call it serves, with the request and the response; nothing sits in the
 * path and nothing in local/ changes. Calls whose user agent holds `BENCH_AGENT` (the bench's own
 * polling and sizing) are left out.
 *
 * dynalite's own ConsumedCapacity counts the table only (never an index), so the units are computed here
 * by DynamoDB's on-demand rules (`writeUnits`): a read costs one RRU per 4 KB read (half for eventually
 * consistent reads, at least one read's worth per call); a write one WRU per 1 KB of the larger of the item
 * before and after; and each global secondary index costs what its entry needs, as the template projects
 * it: nothing when the write leaves the entry as it was (a KEYS_ONLY or INCLUDE index does not see changes to
 * attributes it does not project), one write of the entry when it appears, goes or changes, two when its
 * key changes. Item sizes are computed the way DynamoDB defines them (attribute names plus values). The
 * item before a write is the last image the meter saw of it (written, read back or read whole); for an
 * UpdateItem the item is read back afterwards (by the bench, uncounted) to size it. A conditional write
 * that fails costs the table the existing item's units (at least one) and the indexes nothing, as on AWS.
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
  /** Of indexWriteUnits, by index. */
  indexWriteUnitsByIndex: Record<string, number>;
  /** Conditional writes refused (ConditionalCheckFailedException); their table units are in writeUnits. */
  failedConditions: number;
  /** Items read by Query and Scan calls (ScannedCount). */
  itemsScanned: number;
}

export type Item = Record<string, AttributeValue>;

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** A global secondary index as the template defines it. */
export interface IndexSpec {
  readonly name: string;
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly include: readonly string[];
}

/** One write as it changed (or would have changed) one item. */
export interface ItemWrite {
  /** The item before; `null` when there was none, `undefined` when the meter never saw it. */
  readonly before: Item | null | undefined;
  /** The item after; `null` when the write deleted it (or the condition failed and it did not exist). */
  readonly after: Item | null;
  /** The condition failed: nothing was written. */
  readonly refused?: boolean;
  /** For an unknown `before`: the UpdateExpression, to tell whether it removes an index key. */
  readonly update?: string;
}

export interface WriteUnits {
  readonly table: number;
  readonly indexes: Record<string, number>;
}

const kbUnits = (item: Item) => Math.max(1, Math.ceil(itemSize(item) / 1024));

/**
 * What one write costs on demand, the table's part and each index's: the units AWS reports with
 * `ReturnConsumedCapacity: 'INDEXES'`.
 */
export function writeUnits(
  write: ItemWrite,
  tableKeys: readonly string[],
  indexes: readonly IndexSpec[],
): WriteUnits {
  const { before, after } = write;
  if (write.refused) return { table: before ? kbUnits(before) : 1, indexes: {} };
  const table = Math.max(before ? kbUnits(before) : 0, after ? kbUnits(after) : 0, 1);
  const byIndex: Record<string, number> = {};
  for (const index of indexes) {
    const next = after ? indexEntry(after, tableKeys, index) : undefined;
    let units = 0;
    if (before === undefined) {
      // Never seen: as if the entry were new, or removed when the update removes one of its keys.
      const removesKey =
        /\bREMOVE\b/.test(write.update ?? '') && index.keys.some((key) => write.update?.includes(key));
      units = next ? kbUnits(next) : removesKey ? 1 : 0;
    } else {
      const previous = before ? indexEntry(before, tableKeys, index) : undefined;
      if (previous && next) {
        const moved = index.keys.some((key) => stable(previous[key]) !== stable(next[key]));
        if (moved) units = kbUnits(previous) + kbUnits(next);
        else if (stable(previous) !== stable(next)) units = Math.max(kbUnits(previous), kbUnits(next));
      } else if (previous) units = kbUnits(previous);
      else if (next) units = kbUnits(next);
    }
    if (units > 0) byIndex[index.name] = units;
  }
  return { table, indexes: byIndex };
}

/** The item as the index holds it, or undefined when the item lacks one of the index's keys (sparse). */
export function indexEntry(item: Item, tableKeys: readonly string[], index: IndexSpec): Item | undefined {
  if (!index.keys.every((key) => key in item)) return undefined;
  if (index.projection === 'ALL') return item;
  const kept = new Set([
    ...tableKeys,
    ...index.keys,
    ...(index.projection === 'INCLUDE' ? index.include : []),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

/** JSON with object keys sorted, to compare two images whatever order their attributes came in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

export class DynamoMeter {
  /**
   * Off for load runs: sizing an UpdateItem reads the item back, which would add load to what is measured.
   * Calls are still counted; units are then not.
   */
  sizeUpdates = true;
  private totals = emptyTotals();
  /** The counting runs call by call, in the order dynalite answered, so each write sees the one before. */
  private queue: Promise<void> = Promise.resolve();
  private readonly indexes: IndexSpec[];
  private readonly tableKeys: string[];
  /** The last image seen of each item, by table and key; kept across resets. */
  private readonly images = new Map<string, Item | null>();
  private readonly port: number;
  private readonly onRequest = (message: unknown) => this.observe(message);
  private readonly start: Channel = channel('http.server.request.start');

  constructor(
    endpoint: string,
    table: LocalTable,
    private readonly db: DynamoDBDocumentClient,
  ) {
    this.port = Number(new URL(endpoint).port);
    const properties = table.properties as {
      KeySchema?: { AttributeName: string }[];
      GlobalSecondaryIndexes?: {
        IndexName: string;
        KeySchema: { AttributeName: string }[];
        Projection?: { ProjectionType?: IndexSpec['projection']; NonKeyAttributes?: string[] };
      }[];
    };
    this.tableKeys = (properties.KeySchema ?? []).map((k) => k.AttributeName);
    this.indexes = (properties.GlobalSecondaryIndexes ?? []).map((gsi) => ({
      name: gsi.IndexName,
      keys: gsi.KeySchema.map((k) => k.AttributeName),
      projection: gsi.Projection?.ProjectionType ?? 'ALL',
      include: gsi.Projection?.NonKeyAttributes ?? [],
    }));
    this.start.subscribe(this.onRequest);
  }

  /** Totals since the last reset, once every sizing read-back has finished. */
  async snapshot(): Promise<DynamoTotals> {
    for (let seen: Promise<void> | undefined; seen !== this.queue; ) {
      seen = this.queue;
      await seen;
    }
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
      const input = parse(Buffer.concat(requestBody));
      const output = parse(Buffer.concat(responseBody));
      // Read the updated item back at once, before the caller can send its next call.
      const after =
        operation === 'UpdateItem' && this.sizeUpdates && response.statusCode === 200
          ? this.readBack(input)
          : undefined;
      this.queue = this.queue
        .then(() => this.count(operation, input, output, response.statusCode, after))
        .catch(() => undefined);
    });
  }

  private async readBack(input: Json): Promise<Item | null> {
    const { Item: after } = await this.db.send(
      new GetCommand({
        TableName: String(input.TableName),
        Key: unmarshallKey(input.Key as Item),
        ConsistentRead: true,
      }),
    );
    return after === undefined ? null : marshall(after, { removeUndefinedValues: true });
  }

  private imageKey(table: unknown, item: Item): string {
    return [String(table), ...this.tableKeys.map((key) => stable(item[key]))].join('\u0000');
  }

  private async count(
    operation: string,
    input: Json,
    output: Json,
    status: number,
    readBack: Promise<Item | null> | undefined,
  ): Promise<void> {
    const t = this.totals;
    t.calls[operation] = (t.calls[operation] ?? 0) + 1;
    const ok = status === 200;
    if (READS.has(operation)) {
      t.readCalls += 1;
      if (!ok) return;
      t.readUnits += this.readUnits(operation, input, output);
      this.remember(operation, input, output);
      return;
    }
    if (!WRITES.has(operation)) return;
    t.writeCalls += 1;
    const refused = !ok && String(output.__type ?? '').includes('ConditionalCheckFailed');
    if (!ok && !refused) return;
    if (refused) t.failedConditions += 1;
    const table = input.TableName;
    const writes: { key: string; write: ItemWrite }[] = [];
    const known = (key: string) => (this.images.has(key) ? (this.images.get(key) ?? null) : undefined);
    if (operation === 'PutItem') {
      const item = input.Item as Item;
      const key = this.imageKey(table, item);
      const before = known(key);
      writes.push({
        key,
        write: refused ? { before, after: before ?? null, refused } : { before, after: item },
      });
    }
    if (operation === 'DeleteItem') {
      const key = this.imageKey(table, input.Key as Item);
      const before = known(key);
      writes.push({ key, write: { before, after: refused ? (before ?? null) : null, refused } });
    }
    if (operation === 'BatchWriteItem') {
      for (const [name, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, Json[]>)) {
        for (const r of requests) {
          const put = (r.PutRequest as Json | undefined)?.Item as Item | undefined;
          const del = (r.DeleteRequest as Json | undefined)?.Key as Item | undefined;
          const key = this.imageKey(name, (put ?? del) as Item);
          writes.push({ key, write: { before: known(key), after: put ?? null } });
        }
      }
    }
    if (operation === 'UpdateItem') {
      const key = this.imageKey(table, input.Key as Item);
      const before = known(key);
      if (refused) writes.push({ key, write: { before, after: before ?? null, refused } });
      else if (readBack === undefined) {
        // Not sized (a load run): the item's image is unknown from here on.
        this.images.delete(key);
        return;
      } else
        writes.push({
          key,
          write: { before, after: await readBack, update: String(input.UpdateExpression ?? '') },
        });
    }
    for (const { key, write } of writes) {
      const units = writeUnits(write, this.tableKeys, this.indexes);
      t.writeUnits += units.table;
      for (const [index, n] of Object.entries(units.indexes)) {
        t.writeUnits += n;
        t.indexWriteUnits += n;
        t.indexWriteUnitsByIndex[index] = (t.indexWriteUnitsByIndex[index] ?? 0) + n;
      }
      if (!write.refused) this.images.set(key, write.after);
    }
  }

  /** Whole items read from the table (not an index, no projection) are the latest images of those items. */
  private remember(operation: string, input: Json, output: Json): void {
    if (input.ProjectionExpression !== undefined || input.AttributesToGet !== undefined) return;
    if (operation === 'GetItem') {
      const key = this.imageKey(input.TableName, input.Key as Item);
      this.images.set(key, (output.Item as Item | undefined) ?? null);
    }
    if ((operation === 'Query' || operation === 'Scan') && input.IndexName === undefined) {
      for (const item of (output.Items ?? []) as Item[])
        this.images.set(this.imageKey(input.TableName, item), item);
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
    indexWriteUnitsByIndex: {},
    failedConditions: 0,
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
