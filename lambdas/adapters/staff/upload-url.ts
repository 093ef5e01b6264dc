/**
 * `POST /staff/requests/{id}/uploads`: a presigned PUT for one manual system's export, issued to a staff
 * member who may see the request. The upload key is recorded before the URL is handed out, because a
 * manual-collection decision accepts only a key issued for its request and system; then the issue is
 * audited (system and size, never the file's name). Kept out of the handler so that order can be read,
 * and tested, on its own.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AuditTrail } from '../../domain/audit/trail';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { RequestStore } from '../../domain/requests/record';
import { type StaffMember, visibleTo } from '../../domain/staff/access';
import { type IssuedUploadStore, readUploadRequest, uploadKey } from '../../domain/staff/uploads';
import { presignUpload } from '../s3/presign';

/** How long the presigned PUT works. */
export const UPLOAD_URL_SECONDS = 15 * 60;

export interface UploadUrlDeps {
  readonly policy: PolicyDocument;
  readonly requests: Pick<RequestStore, 'get'>;
  readonly issued: Pick<IssuedUploadStore, 'record'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  /** A presigning client (presign.ts), or the URL carries checksums a browser cannot match. */
  readonly client: S3Client;
  readonly bucket: string;
  /** The key S3 must encrypt the upload with: signed into the URL. */
  readonly dataKeyArn: string;
  readonly newId: () => string;
  readonly clock?: () => Date;
}

/** What the console is answered with: the key to approve the task with, and how to PUT the file. */
export interface UploadGrant {
  readonly uploadKey: string;
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

export function staffUploadUrl(deps: UploadUrlDeps) {
  const clock = deps.clock ?? (() => new Date());
  /**
   * `body` is read only once the request is known to be the caller's, so a bad body about another
   * company's request still gets that request's 404 (access.ts, `visibleTo`).
   */
  return async (staff: StaffMember, requestId: string, body: () => unknown): Promise<UploadGrant> => {
    const stored = await deps.requests.get(requestId);
    // Another company's request answers like one that does not exist.
    const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
    const upload = readUploadRequest(deps.policy, request, body());
    const key = uploadKey(request.id, upload, deps.newId());
    const { url, headers } = await presignUpload(deps.client, {
      bucket: deps.bucket,
      key,
      contentType: upload.contentType,
      size: upload.size,
      kmsKeyArn: deps.dataKeyArn,
      expiresInSeconds: UPLOAD_URL_SECONDS,
    });
    const at = clock().toISOString();
    await deps.issued.record({
      requestId: request.id,
      systemId: upload.systemId,
      key,
      issuedAt: at,
      issuedBy: staff.username,
    });
    await deps.audit.append(
      request.id,
      {
        action: 'upload-url-issued',
        actor: { kind: 'staff', id: staff.username },
        details: { systemId: upload.systemId, size: upload.size },
      },
      at,
    );
    return { uploadKey: key, url, method: 'PUT', headers, expiresInSeconds: UPLOAD_URL_SECONDS };
  };
}
