import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startSes } from '../../../local/emulators/ses';

interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: string[] };
}

describe('Function: startSes', () => {
  let emulator: RunningEmulator | undefined;

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('records a message sent with SESv2 SendEmail in GET /store', async () => {
    // Prepare
    emulator = await startSes({ port: 0 });
    const client = new SESv2Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    // Act
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'privacy@personvern.example',
        Destination: { ToAddresses: ['subject@example.org'] },
        Content: {
          Simple: { Subject: { Data: 'Confirm your request' }, Body: { Text: { Data: 'Follow the link.' } } },
        },
      }),
    );
    client.destroy();
    const store = (await (await fetch(`${emulator.endpoint}/store`)).json()) as { emails: StoredEmail[] };

    // Assess
    expect(store.emails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'Confirm your request',
          destination: expect.objectContaining({ to: ['subject@example.org'] }),
        }),
      ]),
    );
  });
});
