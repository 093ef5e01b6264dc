/**
 * The access export, assembled: the Art. 15 information, the table of contents and the files in ZIP
 * order, from the policy, the request, the findings and two ports. Nothing is read until the ZIP writer
 * asks for it: records come from `readCollected` kind by kind as data.json and the CSVs are written, and
 * each staff upload is opened only when its turn comes, so one export holds one stream at a time.
 *
 * The handler's part is to load the request, its findings and legal-hold decisions, supply the ports
 * (S3 reads) and hand `files` to the ZIP writer (adapters/export/zip-export.ts).
 */
import { uploadedFileName } from '../staff/uploads';
import type { Finding } from '../workflow/findings';
import { type Art15Information, type Art15Input, art15Information, systemOutcomes } from './art15';
import { csvChunks } from './csv';
import { type DataJsonSystem, dataJsonChunks } from './data-json';
import {
  type CollectedRecordKind,
  type CollectedSource,
  csvPath,
  DATA_JSON_PATH,
  type ExportContent,
  type ExportFile,
  type ExportFileEntry,
  INDEX_PATH,
  safeFileName,
  safeSegment,
  uniqueNames,
  uploadPath,
} from './files';
import { renderIndexPage } from './index-page';

export interface ExportPorts {
  /** What the connectors collected for one system (its findings carry the object keys). */
  readCollected(systemId: string, findings: readonly Finding[]): Promise<CollectedSource>;
  /** The bytes of one staff upload, e.g. an S3 GetObject body. Called when the ZIP reaches the file. */
  openUpload(key: string): Promise<ExportContent>;
}

/** A staff-uploaded export to include as it is. */
export interface ExportUpload {
  readonly systemId: string;
  readonly key: string;
  /** The name it had on the staff member's machine; the key's last segment when not given. */
  readonly fileName?: string;
}

export interface ExportInput extends Art15Input {
  /** ISO 8601 instant the export is made. */
  readonly generatedAt: string;
  /** Default: each `staff-upload` finding's `objectKey`. */
  readonly uploads?: readonly ExportUpload[];
}

export interface PreparedExport {
  readonly art15: Art15Information;
  /** The table of contents, in ZIP order. */
  readonly contents: readonly ExportFileEntry[];
  /** The files in ZIP order; iterate once. */
  readonly files: AsyncIterable<ExportFile>;
}

export const EXPORT_REQUEST_TYPES = ['access', 'portability'] as const;

export async function prepareExport(input: ExportInput, ports: ExportPorts): Promise<PreparedExport> {
  const { policy, request, findings } = input;
  if (!(EXPORT_REQUEST_TYPES as readonly string[]).includes(request.type)) {
    throw new RangeError(`A ${request.type} request has no export (only access and portability)`);
  }
  const art15 = art15Information(input);
  const outcomes = systemOutcomes(policy, request, findings);
  const uploads = input.uploads ?? uploadsFromFindings(findings);

  for (const upload of uploads) {
    if (!policy.systems.some((system) => system.id === upload.systemId)) {
      throw new RangeError(`An upload names system "${upload.systemId}", which the policy does not have`);
    }
  }
  const systemIds = new Set([
    ...outcomes.withData.map(({ system }) => system.id),
    ...uploads.map((upload) => upload.systemId),
  ]);
  const systems: DataJsonSystem[] = [];
  const csvEntries: ExportFileEntry[] = [];
  const csvJobs: { path: string; kind: CollectedRecordKind }[] = [];
  const uploadEntries: (ExportFileEntry & { kind: 'upload' })[] = [];
  const uploadKeys = new Map<string, string>();
  for (const system of policy.systems) {
    if (!systemIds.has(system.id)) continue;
    const own = findings.filter((finding) => finding.systemId === system.id);
    const collected = own.some(
      (finding) =>
        finding.source === 'connector' && (finding.recordCount > 0 || finding.categories.length > 0),
    )
      ? await ports.readCollected(system.id, own)
      : { kinds: [] };
    const kindName = uniqueNames();
    const recordKinds = collected.kinds.map((kind) => {
      const path = csvPath(system.id, kindName(safeSegment(kind.kind, 'records')));
      csvEntries.push({
        path,
        kind: 'csv',
        systemId: system.id,
        systemName: system.name,
        recordKind: kind.kind,
      });
      csvJobs.push({ path, kind });
      return { kind: kind.kind, csvPath: path, records: kind.records };
    });
    const fileName = uniqueNames();
    const systemUploads = uploads
      .filter((upload) => upload.systemId === system.id)
      .map((upload) => {
        const original = upload.fileName ?? upload.key.split('/').at(-1) ?? 'upload';
        const path = uploadPath(system.id, fileName(safeFileName(original)));
        uploadEntries.push({
          path,
          kind: 'upload',
          systemId: system.id,
          systemName: system.name,
          fileName: original,
        });
        uploadKeys.set(path, upload.key);
        return { path, fileName: original };
      });
    systems.push({
      systemId: system.id,
      systemName: system.name,
      findings: own.map((finding) => ({
        source: finding.source,
        categories: finding.categories,
        recordCount: finding.recordCount,
        ...(finding.lastActivityDate === undefined ? {} : { lastActivityDate: finding.lastActivityDate }),
        collectedAt: finding.collectedAt,
      })),
      recordKinds,
      uploads: systemUploads,
    });
  }

  const contents: ExportFileEntry[] = [
    { path: INDEX_PATH, kind: 'index' },
    { path: DATA_JSON_PATH, kind: 'data' },
    ...csvEntries,
    ...uploadEntries,
  ];
  const controllerName = art15.controller.legalName;

  async function* files(): AsyncGenerator<ExportFile> {
    yield {
      path: INDEX_PATH,
      content: once(renderIndexPage({ art15, request, generatedAt: input.generatedAt, files: contents })),
    };
    yield {
      path: DATA_JSON_PATH,
      content: dataJsonChunks({
        generatedAt: input.generatedAt,
        request,
        controllerName,
        art15,
        files: contents,
        systems,
      }),
    };
    for (const { path, kind } of csvJobs) {
      yield { path, content: csvChunks(kind.records, kind.columns) };
    }
    for (const entry of uploadEntries) {
      const key = uploadKeys.get(entry.path) ?? entry.path;
      yield { path: entry.path, content: opened(() => ports.openUpload(key)) };
    }
  }

  return { art15, contents, files: files() };
}

function uploadsFromFindings(findings: readonly Finding[]): ExportUpload[] {
  return findings.flatMap((finding) =>
    finding.source === 'staff-upload' && finding.objectKey !== undefined
      ? [
          {
            systemId: finding.systemId,
            key: finding.objectKey,
            fileName: uploadedFileName(finding.objectKey),
          },
        ]
      : [],
  );
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Opens the source only when the first chunk is asked for. */
async function* opened(open: () => Promise<ExportContent>): AsyncGenerator<string | Uint8Array> {
  yield* await open();
}
