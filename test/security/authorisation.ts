/**
 * The authorisation matrix of issue 7. Staff routes are read from the synthesized template, so a route
 * added to the stack is in the matrix without touching this file.
 *
 * 1. The authorizer (in process, the real local API in front of a recording runtime): every staff route
 *    answers 401 to no token, an expired token, a token from another issuer, a token signed with another
 *    key, a token for another app client, and an unsigned token, and never reaches its function. The
 *    expired token is signed with the issuer's own key, so only its expiry can refuse it. On AWS the
 *    Cognito authorizer does this; the template tests (test/lib) hold every staff route to it.
 * 2. The handlers (`npm start`, real handlers): every staff route with another company's staff token
 *    answers 403 (lists answer 200 without the other company's rows), and with no token or a foreign
 *    one 401. Every requester route with a wrong token (or, where the id is the only secret, a wrong
 *    id) answers 404.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { createLocalApi } from '../../local/api/server';
import { createLocalIssuer, LOCAL_CLIENT_ID, LOCAL_ISSUER } from '../../local/auth/issuer';
import { createLocalAuth, type LocalAuth } from '../../local/auth/local-auth';
import { type LocalRoute, readLocalResources } from '../../local/template/resources';
import { synthTemplate } from '../../local/template/synth';
import { send } from '../support/http-submissions';
import type { LocalStackFixture } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

const staffRoutes: LocalRoute[] = readLocalResources(synthTemplate()).routes.filter(
  (route) => route.auth === 'COGNITO_USER_POOLS',
);
const routeName = (route: LocalRoute) => `${route.method} ${route.resourcePath}`;

/**
 * Staff routes open to every staff member on purpose, with why: they name no company's data. Another
 * company's staff get 200 there, but none of the other company's ids.
 */
const SHARED: Record<string, string> = {
  'GET /staff/policy/versions/{version}/notices':
    'delivery counts and failure reasons of a policy version, common to all companies; no addresses',
};

/** Lists for the privacy officer alone: another company's staff get 403 there, not a list without its rows. */
const PRIVACY_OFFICER_ONLY = new Set(['/staff/holds', '/staff/consent/summary']);

/** A token signed by a key nobody trusts, with whatever claims are asked for. */
async function foreignToken(claims: { iss: string; aud: string; expiresIn?: number }): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    token_use: 'id',
    'cognito:username': 'personvernombud',
    'cognito:groups': ['privacy-officer'],
    email: 'personvernombud@personvern.test',
  })
    .setProtectedHeader({ alg: 'RS256', kid: randomUUID() })
    .setSubject(randomUUID())
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expiresIn ?? 3600))
    .sign(privateKey);
}

/** `alg: none`: claims anyone can write. */
function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iss: LOCAL_ISSUER,
    aud: LOCAL_CLIENT_ID,
    token_use: 'id',
    sub: randomUUID(),
    'cognito:username': 'personvernombud',
    'cognito:groups': ['privacy-officer'],
    iat: now,
    exp: now + 3600,
  })}.`;
}

/** A concrete path for a route: every `{parameter}` filled from `values`; an unknown one fails loudly. */
function concretePath(route: LocalRoute, values: (parameter: string, route: LocalRoute) => string): string {
  return route.resourcePath.replace(/\{([^}]+)\}/g, (_, parameter: string) =>
    encodeURIComponent(values(parameter, route)),
  );
}

/** Registers the suites; `stack` is the local stack the test file started. */
export function authorisationSuites(stack: () => LocalStackFixture): void {
  describe('Authorisation: the authorizer in front of every staff route of the template', () => {
    let auth: LocalAuth;
    let baseUrl: string;
    let close: () => Promise<void>;
    const invoked: string[] = [];

    beforeAll(async () => {
      auth = await createLocalAuth();
      const server = createLocalApi({
        routes: staffRoutes,
        auth,
        runtime: {
          async invoke(target: string) {
            invoked.push(target);
            return { statusCode: 200, body: '{}' };
          },
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterAll(() => close());

    const officer = () => {
      const user = auth.users.find((u) => u.username === 'personvernombud');
      if (user === undefined) throw new Error('no seeded privacy officer');
      return user;
    };
    const tokens: [string, () => Promise<string | undefined>][] = [
      ['no token', async () => undefined],
      [
        'an expired token (signed with the issuer’s own key)',
        async () => auth.issuer.signIdToken(officer(), { issuedAt: new Date(Date.now() - 2 * 3600_000) }),
      ],
      [
        'a token from another issuer',
        async () =>
          foreignToken({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other', aud: 'other' }),
      ],
      [
        'a token with our issuer and audience, signed with another key',
        async () => foreignToken({ iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID }),
      ],
      [
        'a token for another app client',
        async () => {
          const other = await createLocalIssuer({ clientId: 'another-app-client' });
          return other.signIdToken(officer());
        },
      ],
      ['an unsigned token (alg none)', async () => unsignedToken()],
    ];

    it('covers every staff route of the template', () => {
      // Assess
      expect(staffRoutes.length).toBeGreaterThanOrEqual(12);
      expect(staffRoutes.every((route) => route.resourcePath.startsWith('/staff/'))).toBe(true);
    });

    it.each(tokens)(
      'answers 401 to %s on every staff route, never calling a function',
      async (_, tokenOf) => {
        // Prepare
        const token = await tokenOf();
        invoked.splice(0);

        // Act
        const answers = await Promise.all(
          staffRoutes.map(async (route) => {
            const answer = await send(
              baseUrl,
              concretePath(route, () => randomUUID()),
              {
                method: route.method,
                headers: token === undefined ? {} : { authorization: token },
                ...(route.method === 'POST' ? { contentType: 'application/json', body: '{}' } : {}),
              },
            );
            return `${routeName(route)} → ${answer.status} ${answer.text}`;
          }),
        );

        // Assess
        expect(answers).toEqual(
          staffRoutes.map((route) => `${routeName(route)} → 401 {"message":"Unauthorized"}`),
        );
        expect(invoked).toEqual([]);
      },
    );

    it('lets a valid token through to every staff route (so the 401s above are the tokens’ doing)', async () => {
      // Prepare
      const token = await auth.issuer.signIdToken(officer());
      invoked.splice(0);

      // Act
      const statuses = await Promise.all(
        staffRoutes.map(
          async (route) =>
            (
              await send(
                baseUrl,
                concretePath(route, () => randomUUID()),
                {
                  method: route.method,
                  headers: { authorization: token },
                },
              )
            ).status,
        ),
      );

      // Assess
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(invoked).toHaveLength(staffRoutes.length);
    });
  });

  describe('Authorisation: the handlers behind every staff route, and the requester’s secrets', () => {
    let driver: WorkflowDriver;
    let outsider = '';
    let requestId = '';
    let statusUrl = '';
    let otherStatusUrl = '';
    let taskId = '';
    let messageId = '';

    beforeAll(async () => {
      driver = new WorkflowDriver(stack());
      const insider = await driver.token('staff-sterk-hasle');
      outsider = await driver.token('staff-sterk-helse');
      const suffix = `${Date.now()}`;
      ({ id: requestId, statusUrl } = await driver.submitVerified({
        type: 'objection',
        name: 'Hasle Kunde',
        email: `hasle.${suffix}@example.no`,
        controller: 'sterk-hasle',
        lang: 'en',
      }));
      ({ statusUrl: otherStatusUrl } = await driver.submitVerified({
        type: 'objection',
        name: 'Annen Kunde',
        email: `annen.${suffix}@example.no`,
        controller: 'sterk-hasle',
        lang: 'en',
      }));
      const [review] = await driver.openTasks(insider, requestId, 'review');
      taskId = review?.taskId ?? '';
      messageId = await driver.sendContact({
        name: 'Hasle Kunde',
        email: `hasle.${suffix}@example.no`,
        message: 'Hei fra Hasle.',
        controller: 'sterk-hasle',
      });
    });

    /** Ids of sterk-hasle's data, by the route's parameter and where it sits. */
    const hasleValue = (parameter: string, route: LocalRoute): string => {
      if (parameter === 'taskId') return taskId;
      if (parameter === 'holdId') return randomUUID();
      if (parameter === 'version') return '1.0.0';
      if (parameter === 'id' && route.resourcePath.startsWith('/staff/requests/')) return requestId;
      if (parameter === 'id' && route.resourcePath.startsWith('/staff/messages/')) return messageId;
      throw new Error(`No value for {${parameter}} in ${routeName(route)}: add one to this matrix`);
    };

    /** A body each route accepts, so a refusal is about who asks, not what is sent. */
    const validBody: Record<string, unknown> = {
      'POST /staff/tasks/{taskId}': { decision: 'approve' },
      'POST /staff/requests/{id}/uploads': {
        systemId: 'pasientsky',
        fileName: 'journal.txt',
        contentType: 'text/plain',
        size: 10,
      },
      'POST /staff/requests/{id}/extension': { reason: 'Many systems to search, and a holiday in between.' },
      'POST /staff/requests/{id}/national-id': { reason: 'identity-check' },
      'POST /staff/messages/{id}/handled': { note: 'Answered by phone.' },
      'POST /staff/holds': {
        email: 'tvist@example.no',
        reason: 'A dispute about an invoice.',
        categories: ['contact-details'],
        expiresOn: '2030-01-01',
      },
    };

    const call = (route: LocalRoute, token: string | undefined) => {
      const body = validBody[routeName(route)];
      return send(stack().apiUrl, concretePath(route, hasleValue), {
        method: route.method,
        accept: 'application/json',
        headers: token === undefined ? {} : { authorization: token },
        ...(body === undefined ? {} : { contentType: 'application/json', body: JSON.stringify(body) }),
      });
    };

    it('answers another company’s staff 404 for its requests and tasks, 403 elsewhere, and leaves it out of every list', async () => {
      // Act
      const outcomes = [];
      for (const route of staffRoutes) {
        const answer = await call(route, outsider);
        const isList =
          (route.method === 'GET' && !route.resourcePath.includes('{')) || routeName(route) in SHARED;
        const leaked = [requestId, taskId, messageId].filter((id) => answer.text.includes(id));
        outcomes.push(
          `${routeName(route)} → ${isList && answer.status === 200 ? `200 showing ${leaked.length} of sterk-hasle's ids` : answer.status}`,
        );
      }

      // Assess
      expect(outcomes).toEqual(
        staffRoutes.map((route) =>
          (route.method === 'GET' &&
            !route.resourcePath.includes('{') &&
            !PRIVACY_OFFICER_ONLY.has(route.resourcePath)) ||
          routeName(route) in SHARED
            ? `${routeName(route)} → 200 showing 0 of sterk-hasle's ids`
            : // A request or task of another company is as unknown as one that does not exist (issue 17).
              /^\/staff\/(requests|tasks)\/\{/.test(route.resourcePath)
              ? `${routeName(route)} → 404`
              : `${routeName(route)} → 403`,
        ),
      );
    });

    it.each([
      ['no token', async () => undefined],
      ['a token from another issuer', async () => foreignToken({ iss: 'https://issuer.example', aud: 'x' })],
      [
        'a forged token with our issuer',
        async () => foreignToken({ iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID }),
      ],
    ])('answers 401 to %s on every staff route of npm start', async (_, tokenOf) => {
      // Prepare
      const token = await tokenOf();

      // Act
      const statuses = await Promise.all(
        staffRoutes.map(async (route) => `${routeName(route)} → ${(await call(route, token)).status}`),
      );

      // Assess
      expect(statuses).toEqual(staffRoutes.map((route) => `${routeName(route)} → 401`));
    });

    it('answers 404 on every requester route to a wrong token, another request’s token, or a wrong id', async () => {
      // Prepare
      const token = new URL(statusUrl).searchParams.get('token') ?? '';
      const othersToken = new URL(otherStatusUrl).searchParams.get('token') ?? '';
      const wrong = 'A'.repeat(43);
      const unknownId = randomUUID();
      const json = { accept: 'application/json', contentType: 'application/json' };
      const attempts: [string, string, string, string?][] = [
        ['status, wrong token', 'GET', `/requests/${requestId}/status?token=${wrong}`],
        ['status, no token', 'GET', `/requests/${requestId}/status`],
        ['status, another request’s token', 'GET', `/requests/${requestId}/status?token=${othersToken}`],
        ['status, wrong id', 'GET', `/requests/${unknownId}/status?token=${token}`],
        ['download, wrong token', 'POST', `/requests/${requestId}/download?token=${wrong}`, '{}'],
        ['download, no token', 'POST', `/requests/${requestId}/download`, '{}'],
        [
          'download, another request’s token',
          'POST',
          `/requests/${requestId}/download?token=${othersToken}`,
          '{}',
        ],
        [
          'download with a code, wrong token',
          'POST',
          `/requests/${requestId}/download?token=${wrong}`,
          '{"code":"123456"}',
        ],
        // The id is the only secret verify and resend take (the code is what verify checks). The emailed
        // link (GET) reads nothing: it shows the same confirm button for any id (test/e2e/requests.test.ts).
        ['verify, wrong id', 'POST', `/requests/${unknownId}/verify`, '{"code":"123456"}'],
        ['resend, wrong id', 'POST', `/requests/${unknownId}/resend`, '{}'],
      ];

      // Act
      const outcomes = [];
      for (const [what, method, path, body] of attempts) {
        const answer = await send(stack().apiUrl, path, {
          method,
          ...json,
          ...(body === undefined ? {} : { body }),
        });
        outcomes.push(`${what} → ${answer.status}`);
      }
      const own = await send(stack().apiUrl, `/requests/${requestId}/status?token=${token}`, {
        method: 'GET',
        accept: 'application/json',
      });

      // Assess
      expect(outcomes).toEqual(attempts.map(([what]) => `${what} → 404`));
      expect(own.status).toBe(200);
    });
  });
}
