/**
 * Where a request's objects live in the export bucket. One layout, read by the adapters that write and
 * list them, the respond step's check, the staff uploads and the purge:
 * - `requests/<id>/collected/<system>/<kind>.jsonl`: what connectors collected;
 * - `requests/<id>/export.zip`: the answer's ZIP;
 * - `uploads/<id>/<system>/<unique>-<name>`: staff uploads of manual systems' exports.
 */

/** Everything the workflow stores for a request: collected records and the export. */
export const requestPrefix = (requestId: string) => `requests/${requestId}/`;

/** One system's collected records. */
export const collectedPrefix = (requestId: string, systemId: string) =>
  `${requestPrefix(requestId)}collected/${systemId}/`;

/** The export ZIP. */
export const exportKey = (requestId: string) => `${requestPrefix(requestId)}export.zip`;

/** Every staff upload for a request. */
export const uploadsPrefix = (requestId: string) => `uploads/${requestId}/`;

/** The staff uploads for one system of a request. */
export const systemUploadsPrefix = (requestId: string, systemId: string) =>
  `${uploadsPrefix(requestId)}${systemId}/`;
