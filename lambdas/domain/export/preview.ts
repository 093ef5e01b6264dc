/**
 * What staff see before they approve an access or portability answer: the export's table of contents,
 * exactly as `prepareExport` lays it out, with the first few records of each CSV. It reads the same
 * collected data the real export will, but only the first rows of each kind, and never opens staff
 * uploads (those go into the ZIP as they are; staff already saw them when they uploaded them).
 */
import type { CollectedRecord } from '../connectors/connector';
import { type ExportInput, type ExportPorts, prepareExport } from './build';
import type { CollectedSource, ExportFileEntry } from './files';

export interface PreviewCsv {
  readonly columns: readonly string[];
  readonly rows: readonly CollectedRecord[];
  /** True when the kind has more records than the preview shows. */
  readonly truncated: boolean;
}

export type PreviewFile = ExportFileEntry & { readonly preview?: PreviewCsv };

export interface ExportPreview {
  readonly files: readonly PreviewFile[];
  /** The language the export is written in: the requester's. */
  readonly lang: string;
  /** Art. 15(1)(a) and (b) as index.html will state them, in the requester's language. */
  readonly purposes: readonly { systemName: string; purpose: string; legalBasis: string }[];
  readonly categories: readonly { label: string; special: boolean }[];
}

export const PREVIEW_ROWS = 5;

export async function previewExport(
  input: ExportInput,
  ports: Pick<ExportPorts, 'readCollected'>,
  rows = PREVIEW_ROWS,
): Promise<ExportPreview> {
  const sources = new Map<string, CollectedSource>();
  const prepared = await prepareExport(input, {
    readCollected: async (systemId, findings) => {
      const source = await ports.readCollected(systemId, findings);
      sources.set(systemId, source);
      return source;
    },
    openUpload: () => Promise.reject(new Error('A preview never opens staff uploads')),
  });
  const files: PreviewFile[] = [];
  for (const entry of prepared.contents) {
    const kind =
      entry.kind === 'csv'
        ? sources.get(entry.systemId)?.kinds.find((k) => k.kind === entry.recordKind)
        : undefined;
    if (kind === undefined) {
      files.push(entry);
      continue;
    }
    const sample = await firstRecords(kind.records(), rows);
    files.push({
      ...entry,
      preview: {
        columns: kind.columns ?? columnsOf(sample.records),
        rows: sample.records,
        truncated: sample.more,
      },
    });
  }
  return {
    files,
    lang: input.request.lang,
    purposes: prepared.art15.purposes.map(({ systemName, purpose, legalBasis }) => ({
      systemName,
      purpose,
      legalBasis: legalBasis.summary,
    })),
    categories: prepared.art15.categories.map(({ label, special }) => ({ label, special })),
  };
}

/** Reads at most `count` records and whether there was another; stops the source early. */
async function firstRecords(
  source: AsyncIterable<CollectedRecord>,
  count: number,
): Promise<{ records: CollectedRecord[]; more: boolean }> {
  const records: CollectedRecord[] = [];
  for await (const record of source) {
    if (records.length === count) return { records, more: true };
    records.push(record);
  }
  return { records, more: false };
}

function columnsOf(records: readonly CollectedRecord[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record)))];
}
