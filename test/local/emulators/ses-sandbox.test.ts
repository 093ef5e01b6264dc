/**
 * SES's sandbox in front of the local SES, with the real SES v2 client: a send to a recipient that is not a
 * verified identity is refused with SES's MessageRejected and its message, and nothing reaches the inbox; a
 * send to a verified address, an address of a verified domain or the mailbox simulator goes through.
 */
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startSes } from '../../../local/emulators/ses';
import {
  isVerifiedRecipient,
  recipientsOf,
  type SesSandbox,
  sesSandboxFromEnvironment,
  startSesSandbox,
} from '../../../local/emulators/ses-sandbox';

interface StoredEmail {
  readonly subject: string;
}

describe('SES sandbox mode', () => {
  let ses: RunningEmulator;
  let sandbox: SesSandbox;
  let client: SESv2Client;

  beforeAll(async () => {
    ses = await startSes({ port: 0 });
    sandbox = await startSesSandbox({
      target: ses.endpoint,
      verifiedIdentities: ['example.org', 'kari@example.no'],
    });
    client = new SESv2Client({
      endpoint: sandbox.url,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
    await ses.stop();
  });

  const send = (subject: string, to: string[], cc: string[] = []) =>
    client.send(
      new SendEmailCommand({
        FromEmailAddress: 'personvern@example.org',
        Destination: { ToAddresses: to, CcAddresses: cc },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'Hei.' } } } },
      }),
    );
  const inbox = async () =>
    ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] }).emails.map(
      (email) => email.subject,
    );

  it('refuses a send to an unverified recipient with MessageRejected, naming it, and sends nothing', async () => {
    // Act
    const refused = await send('Unverified', ['kari@example.no'], ['ola@example.no']).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(refused).toBeInstanceOf(MessageRejected);
    expect((refused as MessageRejected).$metadata.httpStatusCode).toBe(400);
    expect((refused as MessageRejected).message).toBe(
      'Email address is not verified. The following identities failed the check in region EU-NORTH-1: ola@example.no',
    );
    expect(await inbox()).not.toContain('Unverified');
  });

  it('sends to verified addresses, addresses of verified domains and the mailbox simulator', async () => {
    // Act
    await send('Verified', ['kari@example.no', 'personvern@example.org', 'success@simulator.amazonses.com']);

    // Assess
    expect(await inbox()).toContain('Verified');
  });

  it('reads the recipients of SES v1 sends and of raw messages, and the switch', () => {
    // Prepare
    const v1 = new URLSearchParams({
      Action: 'SendEmail',
      'Destination.ToAddresses.member.1': 'a@example.no',
      'Destination.BccAddresses.member.1': 'b@example.no',
    }).toString();
    const raw = Buffer.from(
      'From: x@example.org\r\nTo: "Kari" <kari@example.no>,\r\n ola@example.no\r\n\r\nHei',
    ).toString('base64');

    // Act
    const fromV1 = recipientsOf('POST', '/', v1);
    const fromRaw = recipientsOf(
      'POST',
      '/v2/email/outbound-emails',
      JSON.stringify({ Content: { Raw: { Data: raw } } }),
    );

    // Assess
    expect(fromV1).toEqual(['a@example.no', 'b@example.no']);
    expect(fromRaw).toEqual(['kari@example.no', 'ola@example.no']);
    expect(recipientsOf('GET', '/store', '')).toBeUndefined();
    expect(isVerifiedRecipient('someone@mail.example.org', ['example.org'])).toBe(true);
    expect(isVerifiedRecipient('someone@example.org.evil', ['example.org'])).toBe(false);
    expect(sesSandboxFromEnvironment('1')).toBe(true);
    expect(sesSandboxFromEnvironment(undefined)).toBe(false);
  });
});
