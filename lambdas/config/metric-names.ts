/**
 * The deadline digest's CloudWatch metric: the digest emits it (adapters/metrics/digest-metrics.ts) and the
 * alarm watches it (lib/constructs/deadline-reminders.ts), so both read the names from here.
 */
export const DIGEST_METRICS_NAMESPACE = 'Personvern';
export const OVERDUE_REQUESTS_METRIC = 'OverdueRequests';
