import { ProvisionedThroughputExceededException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { errorResponse, HttpError, isTransient } from '../../../lambdas/adapters/http/error-response';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../lambdas/domain/errors';
import { MailerUnavailableError } from '../../../lambdas/domain/ports/mailer';

describe('Function: errorResponse', () => {
  it.each([
    [new ValidationError('Check the fields', { email: 'Enter an email address' }), 400, 'validation_failed'],
    [new ForbiddenError("Another company's request"), 403, 'forbidden'],
    [new NotFoundError('No such request'), 404, 'not_found'],
    [new ConflictError('Already decided'), 409, 'conflict'],
    [new HttpError(415, 'unsupported_media_type', 'Send JSON or a form'), 415, 'unsupported_media_type'],
  ])('maps %p to %i with its code and message', (error, status, code) => {
    // Act
    const response = errorResponse(error);

    // Assess
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body).error).toMatchObject({ code, message: (error as Error).message });
  });

  it('answers an email that could not be sent with 503 and a minute to wait, for every route alike', () => {
    // Act
    const response = errorResponse(
      new MailerUnavailableError('SES throttled', {
        reason: 'TooManyRequestsException',
        httpStatusCode: 429,
      }),
    );

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('60');
    expect(JSON.parse(response.body).error).toEqual({
      code: 'email_unavailable',
      message: 'We could not send the email just now. Try again in a minute.',
      retryAfterSeconds: 60,
    });
  });

  it('tells a script how long to wait, in the body as in Retry-After', () => {
    // Act
    const response = errorResponse(new HttpError(429, 'too_soon', 'Wait a little', undefined, 42));

    // Assess
    expect(response.headers?.['Retry-After']).toBe('42');
    expect(JSON.parse(response.body).error).toEqual({
      code: 'too_soon',
      message: 'Wait a little',
      retryAfterSeconds: 42,
    });
  });

  it('lists field messages for a validation error', () => {
    // Act
    const response = errorResponse(
      new ValidationError('Check the fields', { email: 'Enter an email address' }),
    );

    // Assess
    expect(JSON.parse(response.body).error.fields).toEqual({ email: 'Enter an email address' });
  });

  it('answers 500 without internals for anything else', () => {
    // Act
    const response = errorResponse(new TypeError('Cannot read properties of undefined (reading "secret")'));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(JSON.parse(response.body).error.code).toBe('internal_error');
  });

  it.each([
    [
      'DynamoDB throttling',
      new ProvisionedThroughputExceededException({
        message: 'Slow down',
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    [
      'a 503 from SES',
      Object.assign(new Error('Service Unavailable'), {
        name: 'ServiceUnavailable',
        $metadata: { httpStatusCode: 503 },
      }),
    ],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    [
      'a throttled call wrapped by the idempotency layer',
      new Error('Failed to save in progress record', {
        cause: new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }),
      }),
    ],
  ])('answers 503 with Retry-After for %s, which may pass on its own', (_case, error) => {
    // Act
    const response = errorResponse(error);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('2');
    expect(JSON.parse(response.body).error.code).toBe('service_unavailable');
    expect(isTransient(error)).toBe(true);
  });

  it('keeps 500 for an AWS error that a retry would not fix', () => {
    // Prepare
    const error = new ResourceNotFoundException({
      message: 'Requested resource not found',
      $metadata: { httpStatusCode: 400 },
    });

    // Act
    const response = errorResponse(error);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(isTransient(error)).toBe(false);
  });
});
