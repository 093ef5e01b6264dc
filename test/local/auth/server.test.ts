import type { AddressInfo } from 'node:net';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorResponse } from '../../../lambdas/adapters/http/error-response';
import { assertCanSee, staffPrincipal } from '../../../lambdas/adapters/http/staff-principal';
import { AppFunction } from '../../../lib/constructs/app-function';
import { PublicApi } from '../../../lib/constructs/public-api';
import { StaffAuth } from '../../../lib/constructs/staff-auth';
import { createLocalApi } from '../../../local/api/server';
import { createLocalIssuer } from '../../../local/auth/issuer';
import { createLocalAuth, type LocalAuth, TOKEN_PATH } from '../../../local/auth/local-auth';
import { LOCAL_STAFF_PASSWORD } from '../../../local/auth/users';
import { type LocalRoute, readLocalResources } from '../../../local/template/resources';
import type { CfnTemplate } from '../../../local/template/types';

const CONTROLLERS = ['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse'];

/** What a staff handler does first: who is asking, and may they see this controller's data? */
async function staffHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  try {
    const principal = staffPrincipal(event);
    assertCanSee(principal, event.pathParameters?.controller ?? '');
    return {
      statusCode: 200,
      body: JSON.stringify({ principal, claims: event.requestContext.authorizer?.claims }),
    };
  } catch (error) {
    return errorResponse(error);
  }
}

const routes: LocalRoute[] = [
  { method: 'GET', resourcePath: '/policy', functionLogicalId: 'Policy', auth: 'NONE' },
  { method: 'GET', resourcePath: '/open', functionLogicalId: 'Open' },
  {
    method: 'GET',
    resourcePath: '/staff/{controller}/requests',
    functionLogicalId: 'Staff',
    auth: 'COGNITO_USER_POOLS',
  },
  { method: 'GET', resourcePath: '/iam', functionLogicalId: 'Iam', auth: 'AWS_IAM' },
];

describe('Local API: staff routes behind the emulated Cognito authorizer', () => {
  let auth: LocalAuth;
  let baseUrl: string;
  let close: () => Promise<void>;
  const invoked: string[] = [];

  beforeAll(async () => {
    auth = await createLocalAuth();
    const runtime = {
      async invoke(target: string, event: unknown) {
        invoked.push(target);
        if (target === 'Staff') return staffHandler(event as APIGatewayProxyEvent);
        const { requestContext } = event as APIGatewayProxyEvent;
        return { statusCode: 200, body: JSON.stringify({ authorizer: requestContext.authorizer }) };
      },
    };
    const server = createLocalApi({ routes, runtime, auth });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(() => close());
  beforeEach(() => invoked.splice(0));

  const signIn = async (username: string): Promise<string> => {
    const response = await fetch(`${baseUrl}${TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: LOCAL_STAFF_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { idToken: string }).idToken;
  };

  const user = (username: string) => {
    const found = auth.users.find((u) => u.username === username);
    if (found === undefined) throw new Error(`no seeded user ${username}`);
    return found;
  };

  it.each(CONTROLLERS)('answers 401 like API Gateway without a token (%s)', async (controller) => {
    // Act
    const response = await fetch(`${baseUrl}/staff/${controller}/requests`);

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(invoked).toEqual([]);
  });

  it.each([
    [
      'an expired token',
      async () =>
        auth.issuer.signIdToken(user('personvernombud'), { issuedAt: new Date(Date.now() - 7200_000) }),
    ],
    [
      'a token from another issuer',
      async () => (await createLocalIssuer()).signIdToken(user('personvernombud')),
    ],
    ['garbage', async () => 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
    ['a tampered token', async () => `${await signIn('personvernombud')}x`],
  ])('answers 401 to %s and never calls the function', async (_, token) => {
    // Act
    const response = await fetch(`${baseUrl}/staff/sterk-hasle/requests`, {
      headers: { Authorization: `Bearer ${await token()}` },
    });

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(invoked).toEqual([]);
  });

  it('passes the claims of a good token on to the function, as API Gateway formats them', async () => {
    // Prepare
    const idToken = await signIn('staff-sterk-hasle');

    // Act
    const response = await fetch(`${baseUrl}/staff/sterk-hasle/requests`, {
      headers: { Authorization: idToken },
    });

    // Assess
    expect(response.status).toBe(200);
    const { principal, claims } = (await response.json()) as { principal: unknown; claims: unknown };
    expect(principal).toEqual({
      username: 'staff-sterk-hasle',
      groups: ['staff-sterk-hasle'],
      controllers: ['sterk-hasle'],
    });
    expect(claims).toMatchObject({
      'cognito:username': 'staff-sterk-hasle',
      'cognito:groups': 'staff-sterk-hasle',
      token_use: 'id',
      email: 'staff-sterk-hasle@personvern.test',
      sub: user('staff-sterk-hasle').sub,
    });
    expect(invoked).toEqual(['Staff']);
  });

  it.each([
    ['staff-sterk-hasle', 'sterk-helse'],
    ['staff-sterk-hasle', 'sterk-helse-og-trening'],
    ['staff-sterk-helse', 'sterk-hasle'],
    ['staff-sterk-helse-og-trening', 'sterk-helse'],
  ])("answers 403 when %s asks for %s's requests", async (username, controller) => {
    // Prepare
    const idToken = await signIn(username);

    // Act
    const response = await fetch(`${baseUrl}/staff/${controller}/requests`, {
      headers: { Authorization: `Bearer ${idToken}` },
    });

    // Assess
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it.each(CONTROLLERS)("lets the privacy officer see %s's requests", async (controller) => {
    // Prepare
    const idToken = await signIn('personvernombud');

    // Act
    const response = await fetch(`${baseUrl}/staff/${controller}/requests`, {
      headers: { Authorization: `Bearer ${idToken}` },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(((await response.json()) as { principal: { controllers: unknown } }).principal.controllers).toBe(
      'all',
    );
  });

  it.each(['/policy', '/open'])('keeps %s open, with no authorizer context', async (path) => {
    // Act
    const response = await fetch(`${baseUrl}${path}`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ authorizer: null });
  });

  it('refuses to serve an authorization type it cannot check', async () => {
    // Act
    const response = await fetch(`${baseUrl}/iam`);

    // Assess
    expect(response.status).toBe(500);
    expect(invoked).toEqual([]);
  });

  it('answers 401 on a staff route when no local auth is configured', async () => {
    // Prepare
    const server = createLocalApi({
      routes,
      runtime: { invoke: async () => ({ statusCode: 200, body: '' }) },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // Act
    const response = await fetch(`${url}/staff/sterk-hasle/requests`, {
      headers: { Authorization: await auth.issuer.signIdToken(user('personvernombud')) },
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));

    // Assess
    expect(response.status).toBe(401);
  });
});

describe('Function: readLocalResources', () => {
  it('marks a route added with addStaffRoute as checked by the Cognito authorizer, and others as open', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Test', { env: { region: 'eu-north-1', account: '111111111111' } });
    const logKey = new Key(stack, 'Key');
    const api = new PublicApi(stack, 'PublicApi', { logKey });
    const staffAuth = new StaffAuth(stack, 'StaffAuth', {
      policyFile: 'policy/sterk.json',
      callbackUrls: ['https://personvern.example/console'],
      consoleUrl: 'https://personvern.example/console',
      domainPrefix: 'personvern-test',
    });
    const fn = new AppFunction(stack, 'Policy', {
      entry: 'lambdas/handlers/api/get-policy.ts',
      description: 'test',
      reservedConcurrentExecutions: 1,
      logKey,
    });
    api.addPublicRoute('GET', 'policy', fn);
    api.addStaffRoute('GET', 'staff/{controller}/requests', fn, staffAuth.authorizer);

    // Act
    const { routes: read } = readLocalResources(Template.fromStack(stack).toJSON() as CfnTemplate);

    // Assess
    expect(read.map(({ method, resourcePath, auth }) => ({ method, resourcePath, auth }))).toEqual(
      expect.arrayContaining([
        { method: 'GET', resourcePath: '/policy', auth: 'NONE' },
        { method: 'GET', resourcePath: '/staff/{controller}/requests', auth: 'COGNITO_USER_POOLS' },
      ]),
    );
    expect(read).toHaveLength(2);
  });
});
