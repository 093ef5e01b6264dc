/**
 * The deadline digest's metrics, as CloudWatch Embedded Metric Format lines through Powertools Metrics: the
 * function's log stream carries them, so they need no IAM permission and no API call of their own.
 *
 * The only dimension is Powertools' `service`, set to the function's name. That name is unique per stack, so a
 * test and a production stack in one account never share the series, and it holds no personal data. CDK reads
 * the same constants (`DeadlineReminders.metricOverdueRequests()`), so the alarm watches what is emitted.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DIGEST_METRICS_NAMESPACE, OVERDUE_REQUESTS_METRIC } from '../../config/metric-names';
import type { DigestMetrics } from '../../domain/reminders/send-digests';

/** Stores the count; the handler's `logMetrics(digestMetrics.metrics)` middleware writes it when the run ends. */
export class EmfDigestMetrics implements DigestMetrics {
  readonly metrics: Metrics;

  constructor(functionName: string) {
    this.metrics = new Metrics({ namespace: DIGEST_METRICS_NAMESPACE, serviceName: functionName });
  }

  overdueRequests(count: number): void {
    this.metrics.addMetric(OVERDUE_REQUESTS_METRIC, 'Count', count);
  }
}
