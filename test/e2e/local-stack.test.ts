import { createServer } from 'node:net';
import { GATEWAY_RESPONSE_HEADERS } from '../../lib/constructs/public-api';
import {
  eventually,
  freePort,
  type StartedProcess,
  startLocalProcess,
  waitForOutput,
} from '../support/local-process';

const apiUrlOf = (started: StartedProcess) =>
  /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1] ?? '';
const sesUrlOf = (started: StartedProcess) =>
  /Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1] ?? '';

describe('Local stack: npm start', () => {
  let started: StartedProcess;

  beforeAll(async () => {
    started = await startLocalProcess();
    await waitForOutput(started, 'Press Ctrl-C to stop.');
  });

  afterAll(() => {
    if (started.child.exitCode === null) started.child.kill('SIGKILL');
  });

  it('prints what runs where', () => {
    // Assess
    for (const line of ['API', 'DynamoDB', 'Email (SES)', 'S3', 'Step Functions', 'GET', '/policy']) {
      expect(started.output()).toContain(line);
    }
  });

  it('serves GET /policy over HTTP from the real handler', async () => {
    // Act
    const response = await fetch(`${apiUrlOf(started)}/policy?lang=en`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<html lang="en"');
  });

  it('serves the staff console at /console/ under a strict CSP', async () => {
    // Act
    const response = await fetch(`${apiUrlOf(started)}/console/`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script');
  });

  it('answers an unknown path with 404 in the error format', async () => {
    // Act
    const response = await fetch(`${apiUrlOf(started)}/nowhere`);

    // Assess
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it.each([
    ['an unknown path (404)', '/nowhere', {}, 404],
    ['a staff route without a token (401)', '/staff/requests', {}, 401],
    ['a staff route with a forged token (401)', '/staff/requests', { authorization: 'Bearer x.y.z' }, 401],
  ])(
    'puts the security headers on the gateway’s own answer to %s, as the template configures them',
    async (_, path, headers, status) => {
      // Act
      const response = await fetch(`${apiUrlOf(started)}${path}`, { headers });

      // Assess
      expect(response.status).toBe(status);
      for (const [name, quoted] of Object.entries(GATEWAY_RESPONSE_HEADERS)) {
        expect(response.headers.get(name)).toBe(quoted.slice(1, -1));
      }
    },
  );

  it('takes a contact message and delivers the confirmation and the staff notice through the workflow', async () => {
    // Act
    const response = await fetch(`${apiUrlOf(started)}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: 'Kari Nordmann', email: 'kari@example.no', message: 'Hei!' }),
    });

    // Assess
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const emails = await eventually(async () => {
      const store = (await (await fetch(`${sesUrlOf(started)}/store`)).json()) as {
        emails: { subject: string; body: { text: string }; destination: { to: string[] } }[];
      };
      const mine = store.emails.filter((email) => email.body.text.includes(id));
      return mine.length >= 2 ? mine : undefined;
    });
    const recipients = emails.flatMap((email) => email.destination.to).sort();
    expect(recipients).toEqual(['kari@example.no', 'kundeservice@sterkhelse.no']);
  });

  it('stops cleanly on Ctrl-C', async () => {
    // Act
    started.child.kill('SIGINT');
    const code = await started.exited;

    // Assess
    expect(code).toBe(0);
    expect(started.output()).toContain('Stopped.');
  });
});

describe('Local stack: a port in use', () => {
  it('says which port is taken and exits 1 without a stack trace', async () => {
    // Prepare
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));

    // Act
    const started = await startLocalProcess({ PORT: String(port) });
    const code = await started.exited;
    blocker.close();

    // Assess
    expect(code).toBe(1);
    expect(started.output()).toContain(`${port}`);
    expect(started.output()).toContain('already in use');
    expect(started.output()).not.toMatch(/\n\s+at /);
    // The API listens last, after the synth and every emulator (the local ID-porten and KMS too): on a busy
    // CI machine that takes over a minute before the taken port can be found.
  }, 180_000);
});
