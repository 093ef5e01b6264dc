/**
 * Where a request's objects live in the export bucket. One layout, read by the adapters that write and
 * list them, the respond step's check, the staff uploads and the purge:
 * - `requests/<id>/collected/<system>/<kind>.jsonl`: what connectors collected;
 * - `requests/<id>/export.zip`: the answer's ZIP;
 * - `uploads/<id>/<system>/<unique>-<name>`: staff uploads of manual systems' exports.
 *
 * Keys that arrive from outside (a staff member's `uploadKey`, a finding read back from the table) are
 * parsed here into their parts and compared part by part, never matched by prefix: S3 keys are plain
 * strings, so `uploads/<mine>/x/../../<theirs>/…` starts with "my" prefix yet names another object on any
 * path that normalises dot segments (a browser, a proxy, an emulator). Every segment of a key we make is
 * drawn from a small alphabet, so a key that parses has no `..`, `.`, empty segment, `%2F`, backslash,
 * control character or trailing junk.
 */

/** Everything the workflow stores for a request: collected records and the export. */
export const requestPrefix = (requestId: string) => `requests/${requestId}/`;

/** One system's collected records. */
export const collectedPrefix = (requestId: string, systemId: string) =>
  `${requestPrefix(requestId)}collected/${systemId}/`;

/** One kind of records collected from one system. */
export const collectedKey = (requestId: string, systemId: string, kind: string) =>
  `${collectedPrefix(requestId, systemId)}${kind}.jsonl`;

/** The export ZIP. */
export const exportKey = (requestId: string) => `${requestPrefix(requestId)}export.zip`;

/** Every staff upload for a request. */
export const uploadsPrefix = (requestId: string) => `uploads/${requestId}/`;

/** The staff uploads for one system of a request. */
export const systemUploadsPrefix = (requestId: string, systemId: string) =>
  `${uploadsPrefix(requestId)}${systemId}/`;

/** Request ids are UUIDs; the alphabet is a little wider for test ids, but never has a dot or slash. */
const REQUEST_ID = '[A-Za-z0-9_-]{1,100}';
/** The policy's ids: lower case, words joined by single hyphens (policy/schema.ts). */
const SYSTEM_ID = '[a-z0-9]+(?:-[a-z0-9]+)*';
const UNIQUE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A file name as `safeUploadName` leaves it: no leading dot, so never `.` or `..`. */
const FILE_NAME = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}';
/** A record kind as connectors name them, e.g. `member`, `contact-messages`. */
const KIND = '[A-Za-z0-9_-]{1,100}';

const UPLOAD_KEY = new RegExp(`^uploads/(${REQUEST_ID})/(${SYSTEM_ID})/(${UNIQUE})-(${FILE_NAME})$`);
const COLLECTED_KEY = new RegExp(`^requests/(${REQUEST_ID})/collected/(${SYSTEM_ID})/(${KIND})\\.jsonl$`);

/** The parts of a staff upload's key. */
export interface UploadKeyParts {
  readonly requestId: string;
  readonly systemId: string;
  /** A random UUID, so two uploads of the same file never share a key. */
  readonly unique: string;
  readonly fileName: string;
}

/** The file name as it goes into a key: safe characters only, at most 120, never starting with a dot. */
export function safeUploadName(fileName: string): string {
  return (
    fileName
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(-120)
      // After the cut, so a cut that lands on a dot cannot make a dot segment or a hidden file.
      .replace(/^\.+/, '') || 'export'
  );
}

/** `uploads/<request>/<system>/<unique>-<name>`; throws on parts that would not parse back. */
export function uploadObjectKey(parts: UploadKeyParts): string {
  const key = `${systemUploadsPrefix(parts.requestId, parts.systemId)}${parts.unique}-${parts.fileName}`;
  const parsed = parseUploadKey(key);
  // A part with a slash or a dot segment would parse into other parts: refuse to make such a key at all.
  if (
    parsed === undefined ||
    parsed.requestId !== parts.requestId ||
    parsed.systemId !== parts.systemId ||
    parsed.unique !== parts.unique ||
    parsed.fileName !== parts.fileName
  )
    throw new RangeError('These parts do not make an upload key');
  return key;
}

/** The parts of a key made by `uploadObjectKey`, or undefined for anything else (exactly, no normalising). */
export function parseUploadKey(key: string): UploadKeyParts | undefined {
  const match = UPLOAD_KEY.exec(key);
  if (match === null) return undefined;
  const [, requestId = '', systemId = '', unique = '', fileName = ''] = match;
  return { requestId, systemId, unique, fileName };
}

/** Whether `key` is an upload key for this request and system (it may still not be one we issued). */
export function isUploadKeyOf(key: string, requestId: string, systemId: string): boolean {
  const parts = parseUploadKey(key);
  return parts !== undefined && parts.requestId === requestId && parts.systemId === systemId;
}

/** Whether `key` is a collected-records object of this request and system. */
export function isCollectedKeyOf(key: string, requestId: string, systemId: string): boolean {
  const match = COLLECTED_KEY.exec(key);
  return match !== null && match[1] === requestId && match[2] === systemId;
}

/**
 * Whether `key` is one of the objects this request may read into its export: its own collected records
 * or its own uploads, of any system. The respond step's last line: whatever a finding says, an object of
 * another request is never opened for this one.
 */
export function belongsToRequest(key: string, requestId: string): boolean {
  const upload = parseUploadKey(key);
  if (upload !== undefined) return upload.requestId === requestId;
  const collected = COLLECTED_KEY.exec(key);
  return collected !== null && collected[1] === requestId;
}
