/**
 * The requester's own steps on their request (the export downloaded) as events in the request's audit
 * trail, in the shape the download route's domain asks for. The requester has no account, so every such
 * event names the same actor, `requester`: the request the trail belongs to says whose it is, and nothing
 * the requester typed or holds (address, token, code) goes into the trail.
 */
import type { AuditTrail } from '../../domain/audit/trail';

export function requesterAudit(trail: Pick<AuditTrail, 'append'>, clock: () => Date = () => new Date()) {
  return async (requestId: string, action: string): Promise<void> => {
    await trail.append(
      requestId,
      { action, actor: { kind: 'requester', id: 'requester' } },
      clock().toISOString(),
    );
  };
}
