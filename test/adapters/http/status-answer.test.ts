/**
 * The status route's answer over HTTP: the page for a browser in the link's language with the links the
 * request has, the JSON for a script, the not-found page for an unknown request, and a log line without
 * the child's name.
 */
import { jest } from '@jest/globals';
import { answerStatus } from '../../../lambdas/adapters/http/status-answer';
import { logger } from '../../../lambdas/adapters/observability/logger';
import { NotFoundError } from '../../../lambdas/domain/errors';
import type { RequestStatusView } from '../../../lambdas/domain/requests/views';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { apiEvent } from '../../support/api-event';

const TOKEN = 'a'.repeat(43);
const options = { policy: sterkPolicy(), publicBaseUrl: 'https://personvern.example' };

const view: RequestStatusView = {
  id: 'r-1',
  type: 'access',
  status: 'completed',
  lang: 'nb',
  aboutChild: 'Ola Nordmann',
  controllerName: 'STERK Helse og Trening AS',
  receivedDate: '2026-03-02',
  dueDate: '2026-04-01',
};

const get = (accept: string, query: Record<string, string> = { token: TOKEN }) =>
  apiEvent({
    resource: '/requests/{id}/status',
    path: '/requests/r-1/status',
    pathParameters: { id: 'r-1' },
    headers: { accept, 'accept-language': 'en' },
    query,
  });

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Function: answerStatus', () => {
  it('shows a browser the page in the request’s language, not the browser’s', async () => {
    // Act
    const result = await answerStatus(get('text/html'), async () => view, options);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('<html lang="nb"');
  });

  it('shows the page in the link’s language when it asks for one', async () => {
    // Act
    const result = await answerStatus(
      get('text/html', { token: TOKEN, lang: 'en' }),
      async () => view,
      options,
    );

    // Assess
    expect(result.body).toContain('<html lang="en"');
  });

  it('offers the download on a completed access request, and not on an erasure', async () => {
    // Act
    const access = await answerStatus(get('text/html'), async () => view, options);
    const erasure = await answerStatus(get('text/html'), async () => ({ ...view, type: 'erasure' }), options);

    // Assess
    expect(access.body).toContain('/requests/r-1/download');
    expect(erasure.body).not.toContain('/requests/r-1/download');
  });

  it('answers a script with the dates and the next step, and nothing about the child', async () => {
    // Act
    const result = await answerStatus(get('application/json'), async () => view, options);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      id: 'r-1',
      type: 'access',
      status: 'completed',
      receivedDate: '2026-03-02',
      dueDate: '2026-04-01',
      next: expect.any(String),
    });
  });

  it('shows a browser the not-found page for an unknown request, in the browser’s language', async () => {
    // Act
    const result = await answerStatus(
      get('text/html'),
      () => Promise.reject(new NotFoundError('No such request')),
      options,
    );

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.body).toContain('<html lang="en"');
  });

  it('leaves an unknown request to the error responder for a script, and any other error too', async () => {
    // Prepare
    const notFound = new NotFoundError('No such request');
    const fault = new Error('table unreachable');

    // Act
    const unknown = answerStatus(get('application/json'), () => Promise.reject(notFound), options);
    const failed = answerStatus(get('text/html'), () => Promise.reject(fault), options);

    // Assess
    await expect(unknown).rejects.toBe(notFound);
    await expect(failed).rejects.toBe(fault);
  });

  it('logs the request id and the status, not the child’s name', async () => {
    // Prepare
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    // Act
    await answerStatus(get('text/html'), async () => view, options);

    // Assess
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith('Request status viewed by the requester', {
      requestId: 'r-1',
      status: 'completed',
    });
  });
});
