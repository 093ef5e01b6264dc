/**
 * SES's sandbox, in front of the local SES when asked (`PERSONVERN_SES_SANDBOX=1`): a new account, or one whose
 * production access was never granted, may send only to verified identities (an address, or an address of a
 * verified domain or one of its subdomains) and to the mailbox simulator. A send naming any other recipient
 * is refused as SES refuses it, 400 MessageRejected "Email address is not verified. The following identities
 * failed the check in region EU-NORTH-1: …", in SES v2's REST-JSON or SES v1's XML, and nothing is sent.
 * Everything else (the inbox page, the store, other calls) passes through to the emulator unchanged.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { forward, listenLocally, readBody } from '../forward';
import { LOCAL_REGION } from '../template/intrinsics';

export interface SesSandbox {
  readonly url: string;
  close(): Promise<void>;
}

/** `PERSONVERN_SES_SANDBOX=1` (or `true`/`on`) turns the sandbox on; off by default, as in production. */
export function sesSandboxFromEnvironment(value = process.env.PERSONVERN_SES_SANDBOX): boolean {
  return ['1', 'true', 'on'].includes((value ?? '').trim().toLowerCase());
}

/** The mailbox simulator's addresses may always be sent to. */
const SIMULATOR = 'simulator.amazonses.com';

/** Whether an address is covered by the verified identities (addresses, domains and their subdomains). */
export function isVerifiedRecipient(address: string, identities: readonly string[]): boolean {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  return [...identities.map((identity) => identity.toLowerCase()), SIMULATOR].some(
    (identity) => identity === lower || identity === domain || domain.endsWith(`.${identity}`),
  );
}

/** The recipients of a send, by SES v2 (`/v2/email/outbound-emails`, bulk) or v1 (query protocol); else undefined. */
export function recipientsOf(method: string, path: string, body: string): string[] | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v2/email/outbound-emails' || path === '/v2/email/outbound-bulk-emails') {
    const parsed = parseJson(body);
    const destinations = [
      parsed.Destination,
      ...((parsed.BulkEmailEntries as { Destination?: unknown }[] | undefined) ?? []).map(
        (e) => e.Destination,
      ),
    ];
    const listed = destinations.flatMap((destination) => {
      const d = (destination ?? {}) as Record<string, unknown>;
      return [d.ToAddresses, d.CcAddresses, d.BccAddresses].flatMap((list) =>
        Array.isArray(list) ? list.map(String) : [],
      );
    });
    // A raw message without a Destination is sent to the addresses in its own headers.
    const raw = (parsed.Content as { Raw?: { Data?: string } } | undefined)?.Raw?.Data;
    return listed.length > 0 || raw === undefined
      ? listed
      : headerAddresses(Buffer.from(raw, 'base64').toString('utf8'));
  }
  if (path === '/') {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action !== 'SendEmail' && action !== 'SendRawEmail') return undefined;
    const listed = [...form.entries()]
      .filter(([name]) => /^(Destination\.(To|Cc|Bcc)Addresses|Destinations)\.member\.\d+$/.test(name))
      .map(([, value]) => value);
    const raw = form.get('RawMessage.Data');
    return listed.length > 0 || raw === null
      ? listed
      : headerAddresses(Buffer.from(raw, 'base64').toString('utf8'));
  }
  return undefined;
}

export async function startSesSandbox({
  target,
  verifiedIdentities,
  onRejected = () => {},
}: {
  /** The SES emulator (or whatever stands before it). */
  target: string;
  /** The verified identities: the template's email identities and any the developer names. */
  verifiedIdentities: readonly string[];
  /**
   * Told of each refused send, with how many recipients failed: the handlers log no recipient and no SES
   * message (SES quotes the addresses), so the stack says here that the sandbox refused something.
   */
  onRejected?: (failedRecipients: number) => void;
}): Promise<SesSandbox> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then((body) => {
        const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
        const recipients = recipientsOf(incoming.method ?? 'GET', path, body.toString('utf8'));
        const failed = (recipients ?? []).filter(
          (address) => !isVerifiedRecipient(address, verifiedIdentities),
        );
        if (failed.length === 0) {
          forward(upstream, incoming, outgoing, body);
          return;
        }
        onRejected(new Set(failed).size);
        const message = `Email address is not verified. The following identities failed the check in region ${LOCAL_REGION.toUpperCase()}: ${[...new Set(failed)].join(', ')}`;
        const requestId = randomUUID();
        if (path.startsWith('/v2/')) {
          outgoing.writeHead(400, {
            'content-type': 'application/json',
            'x-amzn-requestid': requestId,
            'x-amzn-errortype': 'MessageRejected',
          });
          outgoing.end(JSON.stringify({ message }));
          return;
        }
        outgoing.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        outgoing.end(
          `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
      })
      .catch(() => outgoing.destroy());
  });
  return listenLocally(server);
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The addresses in a raw message's To, Cc and Bcc headers (unfolded; `Name <address>` or bare). */
function headerAddresses(message: string): string[] {
  const head = message.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded
    .split(/\r?\n/)
    .filter((line) => /^(to|cc|bcc):/i.test(line))
    .flatMap((line) => line.slice(line.indexOf(':') + 1).match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? []);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
