/**
 * Staff uploads of a manual system's export: which files are accepted, how large, and where they go.
 * The URL itself is presigned by the handler; this decides whether to hand one out.
 */
import { ConflictError, ValidationError } from '../errors';
import type { PolicyDocument } from '../policy/schema';
import type { RequestRecord } from '../requests/record';
import { isUploadKeyOf, parseUploadKey, safeUploadName, uploadObjectKey } from '../workflow/object-keys';
import * as z from '../zod';

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
    .check(z.trim())
    .check(z.minLength(1, 'Give the file name'))
    .check(z.maxLength(200, 'Use a file name of at most 200 characters')),
  contentType: z.enum(UPLOAD_CONTENT_TYPES, {
    error: `Upload one of: PDF, CSV, text, JSON, XML, ZIP, Excel, Word, PNG or JPEG`,
  }),
  size: z
    .int({ error: 'Give the file size in bytes' })
    .check(z.gte(1, 'The file is empty'))
    .check(z.lte(MAX_UPLOAD_BYTES, `Files can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)),
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
  const parsed = parseUploadKey(key);
  if (parsed !== undefined) return parsed.fileName;
  const last = key.split('/').at(-1) ?? '';
  return last.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '') || last;
}

/** `uploads/<request>/<system>/<unique>-<name>`: the name keeps only safe characters. */
export function uploadKey(requestId: string, upload: UploadRequest, unique: string): string {
  return uploadObjectKey({
    requestId,
    systemId: upload.systemId,
    unique,
    fileName: safeUploadName(upload.fileName),
  });
}

/**
 * An upload key handed out with a presigned PUT, kept with its request. Only keys recorded here may be
 * named in a manual-collection decision: a key is a claim that "this file is this request's export from
 * this system", and only the upload route, after checking who asks, may make that claim.
 */
export interface IssuedUpload {
  readonly requestId: string;
  readonly systemId: string;
  readonly key: string;
  readonly issuedAt: string;
  /** The staff member who asked for the URL. */
  readonly issuedBy: string;
}

export interface IssuedUploadStore {
  record(upload: IssuedUpload): Promise<void>;
  /** The upload issued for this request with exactly this key, if any. */
  find(requestId: string, key: string): Promise<IssuedUpload | undefined>;
}

/** The one refusal for a key that is well formed but not this task's: it says nothing about whose it is. */
export const NOT_ISSUED_HERE =
  'This upload key was not issued for this request and system. Upload the export from this task and approve with the key you get.';

/**
 * The key a manual-collection decision names, if it was issued for this request and system; otherwise a
 * 409 (the shape was checked by the decision's schema, so it parses). Another request's key (of this
 * company or another) is refused without looking it up, and with the same words as a key never issued,
 * so the answer tells nothing about other requests.
 */
export async function issuedUploadKey(
  key: string,
  task: { readonly requestId: string; readonly systemId?: string | undefined },
  issued: Pick<IssuedUploadStore, 'find'>,
): Promise<string> {
  const systemId = task.systemId;
  if (systemId === undefined || !isUploadKeyOf(key, task.requestId, systemId))
    throw new ConflictError(NOT_ISSUED_HERE);
  const record = await issued.find(task.requestId, key);
  if (record === undefined || record.key !== key || record.systemId !== systemId)
    throw new ConflictError(NOT_ISSUED_HERE);
  return key;
}
