import { apiEvent, lambdaContext } from '../../support/api-event';

process.env.WEBSITE_ORIGINS = 'https://www.sterkhelse.no';
const { handler } = await import('../../../lambdas/handlers/api/website-preflight');

const preflight = (path: string, headers: Record<string, string>) =>
  handler(apiEvent({ method: 'OPTIONS', resource: path, headers }), lambdaContext('website-preflight'));

describe('Handler: website-preflight', () => {
  it.each(['/contact', '/requests'])(
    'answers the website’s preflight for %s with 204 and CORS',
    async (path) => {
      // Act
      const response = await preflight(path, {
        Origin: 'https://www.sterkhelse.no',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      });

      // Assess
      expect(response.statusCode).toBe(204);
      expect(response.headers).toMatchObject({
        'Access-Control-Allow-Origin': 'https://www.sterkhelse.no',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'content-type, idempotency-key, accept',
        Vary: 'Origin',
      });
      expect(response.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
    },
  );

  it('refuses another origin with 403 in our error format and no CORS headers', async () => {
    // Act
    const response = await preflight('/contact', {
      Origin: 'https://www.sterkhelse.no.evil.example',
      'Access-Control-Request-Method': 'POST',
    });

    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toEqual({
      error: {
        code: 'origin_not_allowed',
        message:
          'https://www.sterkhelse.no.evil.example is not one of the website origins this API answers scripts from',
      },
    });
    expect(Object.keys(response.headers ?? {}).filter((name) => name.startsWith('Access-Control-'))).toEqual(
      [],
    );
  });
});
