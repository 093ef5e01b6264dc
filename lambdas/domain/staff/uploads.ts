/**
 * Staff uploads of a manual system's export: which files are accepted, how large, and where they go.
 * The URL itself is presigned by the handler; this decides whether to hand one out.
 */
import * as z from 'zod';
import { ValidationError } from '../errors';
import type { PolicyDocument } from '../policy/schema';
import type { RequestRecord } from '../requests/record';
import { systemUploadsPrefix } from '../workflow/object-keys';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** What the manual systems export: documents, spreadsheets, data files and scans. */
export const UPLOAD_CONTENT_TYPES = [
  'application/pdf',
  'text/csv',
  'text/plain',
  'application/json',
  'application/xml',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
] as const;

const UploadRequestSchema = z.strictObject({
  systemId: z.string({ error: 'Name the system the export is from' }),
  fileName: z
    .string({ error: 'Give the file name' })
    .trim()
    .min(1, 'Give the file name')
    .max(200, 'Use a file name of at most 200 characters'),
  contentType: z.enum(UPLOAD_CONTENT_TYPES, {
    error: `Upload one of: PDF, CSV, text, JSON, XML, ZIP, Excel, Word, PNG or JPEG`,
  }),
  size: z
    .int({ error: 'Give the file size in bytes' })
    .min(1, 'The file is empty')
    .max(MAX_UPLOAD_BYTES, `Files can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
});

export type UploadRequest = z.output<typeof UploadRequestSchema>;

export function readUploadRequest(
  policy: PolicyDocument,
  request: RequestRecord,
  body: unknown,
): UploadRequest {
  const result = UploadRequestSchema.safeParse(body);
  const fields: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues)
      fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
    throw new ValidationError('The upload needs another look', fields);
  }
  const system = policy.systems.find((s) => s.id === result.data.systemId);
  const planned = request.plan?.systems.some((s) => s.systemId === result.data.systemId) ?? false;
  if (system === undefined || system.handling.kind !== 'manual' || !planned) {
    throw new ValidationError('The upload needs another look', {
      systemId: 'Uploads are for the manual systems this request collects from',
    });
  }
  return result.data;
}

/** The name staff gave the file, from a key made by `uploadKey` (the unique prefix dropped). */
export function uploadedFileName(key: string): string {
  const last = key.split('/').at(-1) ?? '';
  return last.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '') || last;
}

/** `uploads/<request>/<system>/<unique>-<name>`: the name keeps only safe characters. */
export function uploadKey(requestId: string, upload: UploadRequest, unique: string): string {
  const safe =
    upload.fileName
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '')
      .slice(-120) || 'export';
  return `${systemUploadsPrefix(requestId, upload.systemId)}${unique}-${safe}`;
}
