/**
 * `GET /staff/requests/{id}/export-preview`: what the reviewer sees of an access or portability export
 * before approving it, read from the same findings, decisions and collected data the real export will use.
 * It shows the requester's data, so it is an audited view like the request page. Kept out of the handler
 * so the checks before it (whose request, which type, anything collected yet) and the audit after it can
 * be read, and tested, on their own.
 */
import type { AuditTrail } from '../../domain/audit/trail';
import { ConflictError } from '../../domain/errors';
import { EXPORT_REQUEST_TYPES } from '../../domain/export/build';
import type { CollectedSource } from '../../domain/export/files';
import { type ExportPreview, previewExport } from '../../domain/export/preview';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { RequestStore } from '../../domain/requests/record';
import { type StaffMember, visibleTo } from '../../domain/staff/access';
import type { FindingStore, RetentionStore } from '../../domain/workflow/ports';

export interface ExportPreviewDeps {
  readonly policy: PolicyDocument;
  readonly requests: Pick<RequestStore, 'get'>;
  readonly findings: Pick<FindingStore, 'list'>;
  readonly retention: Pick<RetentionStore, 'get'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  /** What the connectors collected (S3CollectedData; reading needs no data key). */
  readonly collected: { source(requestId: string, systemId: string): Promise<CollectedSource> };
  /** Stamps the preview and the audit event; now when not given. */
  readonly clock?: () => Date;
}

export function reviewerExportPreview(deps: ExportPreviewDeps) {
  const clock = deps.clock ?? (() => new Date());
  return async (staff: StaffMember, requestId: string): Promise<ExportPreview> => {
    const stored = await deps.requests.get(requestId);
    // Another company's request answers like one that does not exist.
    const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
    if (!(EXPORT_REQUEST_TYPES as readonly string[]).includes(request.type)) {
      throw new ConflictError(`A ${request.type} request is answered without an export.`);
    }
    const findings = await deps.findings.list(request.id);
    if (findings.length === 0) throw new ConflictError('Nothing has been collected for this request yet.');
    const now = clock().toISOString();
    const preview = await previewExport(
      {
        policy: deps.policy,
        request,
        findings,
        retention: (await deps.retention.get(request.id)) ?? [],
        generatedAt: now,
      },
      { readCollected: (systemId) => deps.collected.source(request.id, systemId) },
    );
    await deps.audit.append(
      request.id,
      { action: 'export-previewed', actor: { kind: 'staff', id: staff.username } },
      now,
    );
    return preview;
  };
}
