import { errorResponse, HttpError } from '../../../../lambdas/adapters/http/error-response';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../../lambdas/domain/errors';

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
});
