import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/** Errors that go away by themselves: Lambda's own hiccups and our adapters' "try again later" errors. */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'MailerUnavailableError',
  // DynamoDB and Step Functions calls the SDK gave up on after its own retries.
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'States.Timeout',
];

/** Exponential backoff with full jitter, for about an hour in all, so a short SES or DynamoDB outage loses nothing. */
export const transientRetry: RetryProps = {
  errors: TRANSIENT_ERRORS,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 10,
  maxDelay: Duration.minutes(10),
  jitterStrategy: JitterType.FULL,
};

/**
 * For callback tasks (`.waitForTaskToken`): the same, except a timeout. There a timeout means the
 * person never answered, which the state's Catch handles; it is not a hiccup to retry.
 */
export const callbackRetry: RetryProps = {
  ...transientRetry,
  errors: TRANSIENT_ERRORS.filter((error) => error !== 'States.Timeout'),
};
