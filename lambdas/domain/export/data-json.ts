/**
 * data.json: the whole export in one machine-readable file, written as a stream of chunks so that a
 * system with 100,000 records never sits in memory as one string. docs/export-format.md documents every
 * field; data-json-schema.ts is the same description as a zod schema.
 *
 * The file is one JSON object. Everything but the records is written first, compactly; then each system,
 * each record kind, and each record on its own line, with `recordCount` after the records it counts.
 */
import type { CollectedRecord } from '../connectors/connector';
import type { FindingSource } from '../workflow/findings';
import type { Art15Information, ExportRequest } from './art15';
import type { ExportFileEntry } from './files';

/** Raised when a field is added (minor) or changed or removed (major): see docs/export-format.md. */
export const EXPORT_SCHEMA_VERSION = '1.0';

const CHUNK_SIZE = 64 * 1024;

export interface DataJsonRecordKind {
  readonly kind: string;
  readonly csvPath: string;
  readonly records: () => AsyncIterable<CollectedRecord>;
}

export interface DataJsonSystem {
  readonly systemId: string;
  readonly systemName: string;
  readonly findings: readonly {
    readonly source: FindingSource;
    readonly categories: readonly string[];
    readonly recordCount: number;
    readonly lastActivityDate?: string;
    readonly collectedAt: string;
  }[];
  readonly recordKinds: readonly DataJsonRecordKind[];
  readonly uploads: readonly { readonly path: string; readonly fileName: string }[];
}

export interface DataJsonInput {
  /** ISO 8601 instant. */
  readonly generatedAt: string;
  readonly request: ExportRequest;
  readonly controllerName: string;
  readonly art15: Art15Information;
  readonly files: readonly ExportFileEntry[];
  readonly systems: readonly DataJsonSystem[];
}

export async function* dataJsonChunks(input: DataJsonInput): AsyncGenerator<string> {
  const { request } = input;
  // Named one by one: the request record also carries token hashes and workflow tokens, which stay out.
  const head = {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    request: {
      id: request.id,
      type: request.type,
      controllerId: request.controllerId,
      controllerName: input.controllerName,
      lang: request.lang,
      receivedDate: request.receivedDate,
    },
    files: input.files,
    art15: input.art15,
  };
  const opening = JSON.stringify(head);
  let chunk = `${opening.slice(0, -1)},"systems":[`;
  for (const [systemIndex, system] of input.systems.entries()) {
    const { recordKinds, ...described } = system;
    const systemHead = JSON.stringify({
      systemId: described.systemId,
      systemName: described.systemName,
      findings: described.findings,
      uploads: described.uploads,
    });
    chunk += `${systemIndex === 0 ? '' : ','}\n${systemHead.slice(0, -1)},"recordKinds":[`;
    for (const [kindIndex, kind] of recordKinds.entries()) {
      chunk += `${kindIndex === 0 ? '' : ','}\n{"kind":${JSON.stringify(kind.kind)},"csvPath":${JSON.stringify(kind.csvPath)},"records":[`;
      let count = 0;
      for await (const record of kind.records()) {
        chunk += `${count === 0 ? '' : ','}\n${JSON.stringify(record)}`;
        count++;
        if (chunk.length >= CHUNK_SIZE) {
          yield chunk;
          chunk = '';
        }
      }
      chunk += `${count === 0 ? '' : '\n'}],"recordCount":${count}}`;
    }
    chunk += `${recordKinds.length === 0 ? '' : '\n'}]}`;
  }
  chunk += `${input.systems.length === 0 ? '' : '\n'}]}\n`;
  yield chunk;
}
