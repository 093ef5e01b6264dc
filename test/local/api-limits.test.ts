import type { AddressInfo } from 'node:net';
import { createLocalApi, MAX_RESPONSE_BYTES } from '../../local/api/server';
import type { LocalRoute } from '../../local/template/resources';

/**
 * The local gateway keeps API Gateway's and Lambda's limits: a function that answers too late gets 504,
 * one whose response is over Lambda's 6 MB gets 502, as on AWS.
 */
describe('The local gateway’s limits', () => {
  const routes: LocalRoute[] = [
    { method: 'GET', resourcePath: '/slow', functionLogicalId: 'Slow', auth: 'NONE' },
    { method: 'GET', resourcePath: '/big', functionLogicalId: 'Big', auth: 'NONE' },
    { method: 'GET', resourcePath: '/fits', functionLogicalId: 'Fits', auth: 'NONE' },
  ];
  const almost = MAX_RESPONSE_BYTES - 1024;
  const runtime = {
    async invoke(target: string) {
      if (target === 'Slow') await new Promise((resolve) => setTimeout(resolve, 400));
      const size = target === 'Big' ? MAX_RESPONSE_BYTES + 1 : target === 'Fits' ? almost : 2;
      return { statusCode: 200, body: 'x'.repeat(size) };
    },
  };
  let baseUrl = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const server = createLocalApi({
      routes,
      runtime,
      integrationTimeoutMs: 100,
      gatewayResponses: [{ type: 'DEFAULT_5XX', headers: { 'X-Content-Type-Options': 'nosniff' } }],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(() => close());

  it('answers 504 when the function is slower than the integration timeout', async () => {
    // Act
    const response = await fetch(`${baseUrl}/slow`);

    // Assess
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ message: 'Endpoint request timed out' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 502 for a response over Lambda’s 6 MB, and passes one just under it', async () => {
    // Act
    const big = await fetch(`${baseUrl}/big`);
    const fits = await fetch(`${baseUrl}/fits`);

    // Assess
    expect(big.status).toBe(502);
    expect(fits.status).toBe(200);
    expect((await fits.text()).length).toBe(almost);
  });
});
