/**
 * `PERSONVERN_SES_SANDBOX=1 npm start`: the local SES refuses what SES's sandbox refuses. A request filed with
 * a verified address (PERSONVERN_SES_VERIFIED) gets its confirmation code; one filed with any other address
 * gets no email: SES's sandbox refused it with MessageRejected, as a new AWS account would (the handlers log no
 * recipient and no SES message, so the stack's output says it).
 */
import { jest } from '@jest/globals';
import { eventually, type StartedProcess, startReadyLocalProcess } from '../support/local-process';

jest.setTimeout(180_000);

const VERIFIED = `kari.sandbox.${Date.now()}@example.no`;
const UNVERIFIED = `ola.sandbox.${Date.now()}@example.no`;

interface StoredEmail {
  readonly destination: { readonly to: string[] };
}

describe('SES sandbox mode in the local stack', () => {
  let stack: StartedProcess;
  const urlOf = (label: RegExp) => label.exec(stack.output())?.[1] ?? '';

  beforeAll(async () => {
    stack = await startReadyLocalProcess(
      { PERSONVERN_SES_SANDBOX: '1', PERSONVERN_SES_VERIFIED: VERIFIED },
      'Press Ctrl-C to stop.',
      120_000,
    );
  }, 150_000);

  afterAll(async () => {
    stack.child.kill('SIGINT');
    await stack.exited;
  });

  const file = (email: string) =>
    fetch(`${urlOf(/^\s+API\s+(http:\/\/127\.0\.0\.1:\d+)/m)}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ type: 'access', name: 'Kari Nordmann', email, lang: 'en' }),
    });
  const mailTo = async (address: string) => {
    const store = await fetch(`${urlOf(/^\s+Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/m)}/store`);
    const { emails } = (await store.json()) as { emails: StoredEmail[] };
    return emails.filter((email) => email.destination.to.includes(address));
  };

  it('says so at start, mails a verified recipient and refuses any other with MessageRejected', async () => {
    // Act: the unverified first, so that the refusal in the output is its own.
    const refused = await file(UNVERIFIED);
    await eventually(async () =>
      stack.output().includes('SES sandbox: MessageRejected') ? true : undefined,
    );
    const accepted = await file(VERIFIED);
    const delivered = await eventually(async () => ((await mailTo(VERIFIED)).length > 0 ? true : undefined));

    // Assess
    expect(stack.output()).toMatch(/SES sandbox\s+on/);
    expect([refused.status, accepted.status]).toEqual([202, 202]);
    expect(delivered).toBe(true);
    expect(await mailTo(UNVERIFIED)).toEqual([]);
    expect(stack.output()).toContain('SES sandbox: MessageRejected, a send to 1 unverified recipient');
  });
});
