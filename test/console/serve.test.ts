import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleRequestHandlerFor } from '../../local/console/serve';

const CSP = "default-src 'none'";
const files = new Map([
  [
    'index.html',
    { body: Buffer.from('<!doctype html><title>x</title>'), contentType: 'text/html; charset=utf-8' },
  ],
  ['console.js', { body: Buffer.from('console.log(1)'), contentType: 'text/javascript; charset=utf-8' }],
]);
let server: Server;
let base = '';

beforeAll(async () => {
  const handler = consoleRequestHandlerFor(files, CSP);
  server = createServer((req, res) => {
    if (handler(req, res)) return;
    res.writeHead(418);
    res.end('the API');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('consoleRequestHandler', () => {
  it.each([
    ['/console/', 200, 'text/html; charset=utf-8'],
    ['/console/?lang=en', 200, 'text/html; charset=utf-8'],
    ['/console/console.js', 200, 'text/javascript; charset=utf-8'],
    ['/console/missing.js', 404, 'text/plain; charset=utf-8'],
    ['/console/nested/console.js', 404, 'text/plain; charset=utf-8'],
  ])('answers GET %s with %i (%s) and the CSP', async (path, status, type) => {
    // Prepare
    const url = `${base}${path}`;

    // Act
    const response = await fetch(url, { redirect: 'manual' });

    // Assess
    expect([response.status, response.headers.get('content-type')]).toEqual([status, type]);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('redirects /console to /console/ so the relative asset links resolve', async () => {
    // Prepare
    const url = `${base}/console`;

    // Act
    const response = await fetch(url, { redirect: 'manual' });

    // Assess
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('refuses other methods, and leaves every other path to the API', async () => {
    // Prepare
    const paths = ['/console/', '/consoles', '/staff/requests', '/'];

    // Act
    const [post, ...others] = await Promise.all([
      fetch(`${base}${paths[0]}`, { method: 'POST', body: '{}' }),
      ...paths.slice(1).map((path) => fetch(`${base}${path}`)),
    ]);

    // Assess
    expect(post?.status).toBe(405);
    expect(post?.headers.get('allow')).toBe('GET, HEAD');
    expect(others.map((r) => r.status)).toEqual([418, 418, 418]);
  });
});
