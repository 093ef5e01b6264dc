import { Template } from 'aws-cdk-lib/assertions';
import { DIGEST_METRICS_NAMESPACE, OVERDUE_REQUESTS_METRIC } from '../../lambdas/config/metric-names';
import { buildApp } from '../../lib/app';
import { DeadlineReminders, SEND_DIGESTS_ENTRY } from '../../lib/constructs/deadline-reminders';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

describe('Construct: DeadlineReminders', () => {
  it('names the overdue-requests metric as the digest function emits it: its namespace, name and own function name', () => {
    // Prepare
    const reminders = stack.node
      .findAll()
      .find((c): c is DeadlineReminders => c instanceof DeadlineReminders);
    const [digestId] =
      Object.entries(template.findResources('AWS::Lambda::Function')).find(
        ([, resource]) => resource.Metadata?.['personvern:entry'] === SEND_DIGESTS_ENTRY,
      ) ?? [];

    // Act
    const metric = reminders?.metricOverdueRequests();

    // Assess
    expect(digestId).toBeDefined();
    expect(metric?.namespace).toBe(DIGEST_METRICS_NAMESPACE);
    expect(metric?.metricName).toBe(OVERDUE_REQUESTS_METRIC);
    expect(stack.resolve(metric?.dimensions)).toEqual({ service: { Ref: digestId } });
    expect(metric?.statistic).toBe('Maximum');
  });
});
