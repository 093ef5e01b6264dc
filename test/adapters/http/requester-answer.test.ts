import { jest } from '@jest/globals';
import { answerRequester } from '../../../lambdas/adapters/http/requester-answer';
import { json } from '../../../lambdas/adapters/http/responses';
import { logger } from '../../../lambdas/adapters/observability/logger';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { apiEvent } from '../../support/api-event';

type Outcome = { kind: 'done' } | { kind: 'refused'; secret: string };

const post = (accept: string, query?: Record<string, string>) =>
  apiEvent({
    method: 'POST',
    resource: '/requests/{id}/verify',
    path: '/requests/r-1/verify',
    pathParameters: { id: 'r-1' },
    headers: { accept, 'accept-language': 'en' },
    ...(query === undefined ? {} : { query }),
  });

const answer = (run: () => Promise<Outcome>) => ({
  run,
  logMessage: 'Something asked for',
  page: (outcome: Outcome, lang: string) => ({ statusCode: 200, body: `page ${outcome.kind} ${lang}` }),
  json: (outcome: Outcome) => json(200, { kind: outcome.kind }),
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Function: answerRequester', () => {
  it('answers a browser with the page, in the posted language over the browser’s', async () => {
    // Act
    const result = await answerRequester(
      post('text/html'),
      'nb',
      answer(async () => ({ kind: 'done' })),
    );

    // Assess
    expect(result.body).toBe('page done nb');
  });

  it('answers a script with JSON', async () => {
    // Act
    const result = await answerRequester(
      post('application/json'),
      undefined,
      answer(async () => ({ kind: 'done' })),
    );

    // Assess
    expect(JSON.parse(result.body)).toEqual({ kind: 'done' });
  });

  it('shows a browser the not-found page for an unknown request, in its language', async () => {
    // Act
    const result = await answerRequester(
      post('text/html', { lang: 'en' }),
      undefined,
      answer(() => Promise.reject(new NotFoundError('No such request'))),
    );

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('<html lang="en"');
  });

  it('leaves an unknown request to the error responder for a script, and any other error too', async () => {
    // Prepare
    const notFound = new NotFoundError('No such request');
    const fault = new Error('table unreachable');

    // Act
    const unknown = answerRequester(
      post('application/json'),
      undefined,
      answer(() => Promise.reject(notFound)),
    );
    const failed = answerRequester(
      post('text/html'),
      undefined,
      answer(() => Promise.reject(fault)),
    );

    // Assess
    await expect(unknown).rejects.toBe(notFound);
    await expect(failed).rejects.toBe(fault);
  });

  it('logs the request id and the outcome’s kind, nothing else of it', async () => {
    // Prepare
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    // Act
    await answerRequester(
      post('application/json'),
      undefined,
      answer(async () => ({ kind: 'refused', secret: 'kari@example.no' })),
    );

    // Assess
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith('Something asked for', { requestId: 'r-1', outcome: 'refused' });
  });
});
