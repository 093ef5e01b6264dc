/**
 * The files of an access export and where each sits in the ZIP. The layout (docs/export-format.md):
 *
 *     index.html                          the readable summary, in the requester's language
 *     data.json                           everything, machine-readable
 *     <systemId>/<kind>.csv               one table per system and record kind
 *     uploads/<systemId>/<file name>      the exports staff uploaded, byte for byte
 *
 * Paths are built here from policy ids, record kinds and uploaded file names, so each part is
 * reduced to characters that are safe in a ZIP entry name on every platform.
 */
import type { CollectedData, CollectedRecord } from '../connectors/connector';

export const INDEX_PATH = 'index.html';
export const DATA_JSON_PATH = 'data.json';

/** The bytes of one file, produced as they are needed: a Node Readable is one too. */
export type ExportContent = AsyncIterable<string | Uint8Array>;

export interface ExportFile {
  readonly path: string;
  readonly content: ExportContent;
}

/** One line of the table of contents in index.html and in data.json's `files`. */
export type ExportFileEntry =
  | { readonly path: string; readonly kind: 'index' | 'data' }
  | {
      readonly path: string;
      readonly kind: 'csv';
      readonly systemId: string;
      readonly systemName: string;
      readonly recordKind: string;
    }
  | {
      readonly path: string;
      readonly kind: 'upload';
      readonly systemId: string;
      readonly systemName: string;
      /** The name the file had when staff uploaded it. */
      readonly fileName: string;
    };

/** One kind of record a system returned (`member`, `tags`, …): one array in data.json, one CSV. */
export interface CollectedRecordKind {
  readonly kind: string;
  /** The CSV columns in order. Without them a first pass over the records collects every key. */
  readonly columns?: readonly string[];
  /** Reads the records from the start. Called once per pass: columns (if needed), data.json, CSV. */
  readonly records: () => AsyncIterable<CollectedRecord>;
}

export interface CollectedSource {
  readonly kinds: readonly CollectedRecordKind[];
}

/** A connector's in-memory result (`Connector.collect`) as a source: one kind per key of `records`. */
export function collectedSourceFromData(data: CollectedData): CollectedSource {
  return {
    kinds: Object.entries(data.records).map(([kind, records]) => ({
      kind,
      records: async function* () {
        yield* records;
      },
    })),
  };
}

const MAX_NAME_LENGTH = 120;

/** A record kind or system id as one path segment: letters, digits, `.`, `_` and `-` only. */
export function safeSegment(value: string, fallback: string): string {
  const cleaned = value
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_NAME_LENGTH);
  return cleaned === '' ? fallback : cleaned;
}

/**
 * An uploaded file's name as the last segment of a ZIP path: its base name only, without control or
 * reserved characters (`<>:"/\|?*`), leading dots or trailing dots and spaces, at most 120 characters
 * with the extension kept. Letters outside ASCII (æ, ø, å) stay.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (cleaned === '') return 'upload';
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

/** Hands out names that differ from all before them, ignoring case: "report.pdf", "report (2).pdf". */
export function uniqueNames(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const dot = name.lastIndexOf('.');
      candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

export function csvPath(systemId: string, kindSegment: string): string {
  return `${safeSegment(systemId, 'system')}/${kindSegment}.csv`;
}

export function uploadPath(systemId: string, fileName: string): string {
  return `uploads/${safeSegment(systemId, 'system')}/${fileName}`;
}
