/**
 * The audit trail as the domain sees it: append-only. There is no way to change or remove an event; the
 * store adapter (adapters/store/dynamo-audit-trail.ts) chains each new event onto the request's last one.
 */
import type { AuditEvent, AuditEventInput } from './chain';

export interface AuditTrail {
  /** Appends one event to the request's trail and returns it as stored. `at` is an ISO-8601 UTC timestamp. */
  append(requestId: string, input: AuditEventInput, at: string): Promise<AuditEvent>;
  /** Every event of the request, oldest first. */
  list(requestId: string): Promise<AuditEvent[]>;
}
