/**
 * The policy function when DynamoDB cannot be reached at all (an outage, a network fault): every call fails,
 * the listing and the reads alike, and readers still get the notice from the bundle, briefly cached.
 * (fetch-policy-versions-iam.test.ts covers a refused Query, where GetItem still answers.)
 */
import { createServer, type Server, type Socket } from 'node:net';
import { jest } from '@jest/globals';
import { bundledPolicy } from '../../../lambdas/adapters/policy/bundled-policy';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../adapters/store/dynalite-table';
import { apiEvent, lambdaContext } from '../../support/api-event';

/** A port that accepts connections and never answers: the hung connection a timeout is for. */
const silent: Server = createServer();
const connections = new Set<Socket>();
/** A port nothing listens on: connections are refused at once. */
let closedPort: number;
let handler: typeof import('../../../lambdas/handlers/api/get-policy').handler;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  silent.on('connection', (socket) => connections.add(socket));
  await listen(silent);
  Object.assign(process.env, {
    TABLE_NAME: 'personvern-policy',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${closedPort}`,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  ({ handler } = await import('../../../lambdas/handlers/api/get-policy'));
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('Handler: get-policy with DynamoDB out of reach', () => {
  it.each([
    { route: '/policy.json', type: 'application/json' },
    { route: '/policy', type: 'text/html' },
  ])(
    'serves $route from the bundle with a 30-second cache life when connections are refused',
    async ({ route, type }) => {
      // Act
      const response = await handler(apiEvent({ resource: route }), lambdaContext('get-policy'));

      // Assess
      expect(response.statusCode).toBe(200);
      expect(response.headers?.['Content-Type']).toContain(type);
      expect(response.headers?.['Cache-Control']).toBe('public, max-age=30, must-revalidate');
      expect(response.headers?.ETag).toContain(bundledPolicy.version);
      if (type === 'application/json') expect(JSON.parse(response.body).version).toBe(bundledPolicy.version);
    },
  );

  it('gives up on a connection that never answers and serves the bundle', async () => {
    // Prepare: the function has been warm on a refused endpoint; a new cold start meets a hung one
    jest.resetModules();
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const cold = (await import('../../../lambdas/handlers/api/get-policy')).handler;

    // Act
    const response = await cold(apiEvent({ resource: '/policy.json' }), lambdaContext('get-policy'));

    // Assess
    expect(connections.size).toBeGreaterThan(0);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).version).toBe(bundledPolicy.version);
    expect(response.headers?.['Cache-Control']).toBe('public, max-age=30, must-revalidate');
  }, 15_000);
});
