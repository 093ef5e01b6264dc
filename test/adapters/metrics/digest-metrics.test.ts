import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { jest } from '@jest/globals';
import middy from '@middy/core';
import { EmfDigestMetrics } from '../../../lambdas/adapters/metrics/digest-metrics';
import { DIGEST_METRICS_NAMESPACE, OVERDUE_REQUESTS_METRIC } from '../../../lambdas/config/metric-names';

const FUNCTION_NAME = 'Personvern-DeadlineRemindersSendDigests-AbC123';

/** Runs a handler as the digest's is wired (logMetrics last) and returns the JSON lines it wrote to stdout. */
async function emitted(
  body: (metrics: EmfDigestMetrics) => Promise<void>,
): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    const digestMetrics = new EmfDigestMetrics(FUNCTION_NAME);
    const handler = middy()
      .use(logMetrics(digestMetrics.metrics))
      .handler(() => body(digestMetrics));
    await handler({}, {} as never).catch(() => undefined);
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('Adapter: EmfDigestMetrics', () => {
  it('writes the overdue count as one EMF line whose only dimension is the function name', async () => {
    // Act
    const lines = await emitted(async (metrics) => metrics.overdueRequests(3));

    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: DIGEST_METRICS_NAMESPACE,
            Dimensions: [['service']],
            Metrics: [{ Name: OVERDUE_REQUESTS_METRIC, Unit: 'Count' }],
          },
        ],
      },
      service: FUNCTION_NAME,
      [OVERDUE_REQUESTS_METRIC]: 3,
    });
  });

  it('writes 0 when nothing is overdue, and writes the count when the run throws after counting', async () => {
    // Act
    const quiet = await emitted(async (metrics) => metrics.overdueRequests(0));
    const failed = await emitted(async (metrics) => {
      metrics.overdueRequests(2);
      throw new Error('a digest could not be sent');
    });

    // Assess
    expect(quiet.map((line) => line[OVERDUE_REQUESTS_METRIC])).toEqual([0]);
    expect(failed.map((line) => line[OVERDUE_REQUESTS_METRIC])).toEqual([2]);
  });
});
