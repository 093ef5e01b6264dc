import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  CORS_ALLOWED_HEADERS,
  corsHeaders,
  preflightAnswer,
  preflightHeaders,
} from '../../../lambdas/adapters/http/cors';
import { HttpError } from '../../../lambdas/adapters/http/error-response';
import { httpHandler } from '../../../lambdas/adapters/http/http-handler';
import { ValidationError } from '../../../lambdas/domain/errors';
import { apiEvent, lambdaContext } from '../../support/api-event';

const WEBSITE = ['https://www.sterkhelse.no', 'http://localhost:3000'];

describe('Function: corsHeaders', () => {
  it('names a website origin back, exposes Retry-After, and never allows credentials', () => {
    // Act
    const headers = corsHeaders('https://www.sterkhelse.no', WEBSITE);

    // Assess
    expect(headers).toEqual({
      'Access-Control-Allow-Origin': 'https://www.sterkhelse.no',
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    });
  });

  it.each([
    ['another origin', 'https://evil.example'],
    ['the null origin', 'null'],
    ['no origin', undefined],
  ])('gives %s only Vary: Origin', (_, origin) => {
    // Assess
    expect(corsHeaders(origin, WEBSITE)).toEqual({ Vary: 'Origin' });
  });

  it('names no one when the website has no origins', () => {
    // Assess
    expect(corsHeaders('https://www.sterkhelse.no', [])).toEqual({ Vary: 'Origin' });
  });
});

describe('Function: preflightHeaders', () => {
  it('allows POST with the three headers, for ten minutes', () => {
    // Act
    const headers = preflightHeaders('http://localhost:3000', WEBSITE);

    // Assess
    expect(headers).toEqual({
      'Access-Control-Allow-Origin': 'http://localhost:3000',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'content-type, idempotency-key, accept',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
    expect(CORS_ALLOWED_HEADERS).toEqual(['content-type', 'idempotency-key', 'accept']);
  });

  it('has nothing for another origin', () => {
    // Assess
    expect(preflightHeaders('http://localhost:3001', WEBSITE)).toBeUndefined();
  });
});

describe('Function: preflightAnswer', () => {
  it('answers a website origin 204 with the CORS headers', () => {
    // Act
    const answer = preflightAnswer({ origin: 'https://www.sterkhelse.no' }, WEBSITE);

    // Assess
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://www.sterkhelse.no' });
    expect(answer.body).toBe('');
  });

  it('refuses another origin with 403 and says why', () => {
    // Act
    const run = () => preflightAnswer({ origin: 'https://evil.example' }, WEBSITE);

    // Assess
    expect(run).toThrow(HttpError);
    expect(run).toThrow(
      'https://evil.example is not one of the website origins this API answers scripts from',
    );
  });

  it('answers an OPTIONS without Origin (not a browser’s preflight) with Allow only', () => {
    // Act
    const answer = preflightAnswer({}, WEBSITE);

    // Assess
    expect(answer).toEqual({
      statusCode: 204,
      headers: { Allow: 'OPTIONS, POST', Vary: 'Origin' },
      body: '',
    });
  });
});

describe('Middleware: httpHandler with cors', () => {
  const call = (route: () => Promise<APIGatewayProxyResult>, origin?: string) =>
    httpHandler(route, { cors: WEBSITE })(
      apiEvent({
        method: 'POST',
        resource: '/contact',
        headers: origin === undefined ? {} : { Origin: origin },
      }),
      lambdaContext('post-contact'),
    );

  it('adds the CORS headers to an answer for a website origin, keeping what it varies by', async () => {
    // Act
    const answer = await call(
      async () => ({ statusCode: 202, headers: { Vary: 'Accept-Language' }, body: '{}' }),
      'https://www.sterkhelse.no',
    );

    // Assess
    expect(answer.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://www.sterkhelse.no',
      Vary: 'Accept-Language, Origin',
    });
    expect(answer.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
  });

  it.each([
    ['a 400', new ValidationError('Some fields need another look', { email: 'Enter an email address' }), 400],
    ['a 413', new HttpError(413, 'payload_too_large', 'Too large'), 413],
    ['a 500', new Error('boom'), 500],
  ])('adds them to %s too, so the script can read it', async (_, error, status) => {
    // Act
    const answer = await call(async () => {
      throw error;
    }, 'http://localhost:3000');

    // Assess
    expect(answer.statusCode).toBe(status);
    expect(answer.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:3000',
      Vary: 'Origin',
    });
  });

  it('gives another origin no CORS headers', async () => {
    // Act
    const answer = await call(async () => ({ statusCode: 202, body: '{}' }), 'https://evil.example');

    // Assess
    expect(Object.keys(answer.headers ?? {}).filter((name) => name.startsWith('Access-Control-'))).toEqual(
      [],
    );
    expect(answer.headers?.Vary).toBe('Origin');
  });

  it('leaves a route without the option alone (no Vary, X-Frame-Options: DENY)', async () => {
    // Act
    const answer = await httpHandler(async () => ({ statusCode: 200, body: '' }))(
      apiEvent({ resource: '/policy', headers: { Origin: 'https://www.sterkhelse.no' } }),
      lambdaContext('get-policy'),
    );

    // Assess
    expect(answer.headers).not.toHaveProperty('Vary');
    expect(answer.headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(answer.headers?.['X-Frame-Options']).toBe('DENY');
  });

  it('drops X-Frame-Options where the route’s pages may be framed', async () => {
    // Act
    const answer = await httpHandler(async () => ({ statusCode: 200, body: '' }), { framed: true })(
      apiEvent({ resource: '/forms/{form}' }),
      lambdaContext('get-form'),
    );

    // Assess
    expect(answer.headers).not.toHaveProperty('X-Frame-Options');
  });
});
