import { request } from 'node:http';
import { eventually } from './local-process';
import type { LocalStackFixture, StoredEmail, StoredState } from './local-stack-fixture';

export const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

export interface SendOptions {
  readonly method?: string;
  /** Omitted: no Content-Type header at all. */
  readonly contentType?: string;
  readonly accept?: string;
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /**
   * The client address to send from (any 127.x.y.z works on Linux): the API's rate limits count per
   * address, and the gateway takes the address from the connection, as API Gateway does.
   */
  readonly from?: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

/**
 * One HTTP request to the local API, sent as written: the path is not normalised (unlike fetch), and
 * redirects are reported, not followed.
 */
export function send(baseUrl: string, path: string, options: SendOptions = {}): Promise<Answer> {
  const base = new URL(baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  if (options.accept !== undefined) headers.accept = options.accept;
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method ?? 'POST',
        path,
        headers,
        ...(options.from === undefined ? {} : { localAddress: options.from }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of Array.isArray(value) ? value : [value ?? '']) answerHeaders.append(name, one);
          }
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: answerHeaders, text, json });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export const postJson = (baseUrl: string, path: string, body: unknown, options: SendOptions = {}) =>
  send(baseUrl, path, { contentType: JSON_TYPE, accept: JSON_TYPE, body: JSON.stringify(body), ...options });

/** A plain HTML form post: urlencoded, asking for HTML. Nested objects become dotted names. */
export const postForm = (
  baseUrl: string,
  path: string,
  fields: Record<string, unknown>,
  options: SendOptions = {},
) =>
  send(baseUrl, path, {
    contentType: FORM_TYPE,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    body: formBody(fields),
    ...options,
  });

export function formBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object') {
      for (const [child, inner] of Object.entries(value)) params.append(`${name}.${child}`, formValue(inner));
    } else if (value !== undefined) {
      params.append(name, formValue(value));
    }
  }
  return params.toString();
}

/**
 * A field's text as a browser would send something odd: String() where it can. The fuzzer also makes
 * objects without a prototype (nested in arrays too), which String() cannot convert; those go as JSON.
 */
function formValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? '';
  }
}

/** What every 4xx of ours looks like: `{ "error": { code, message, fields? } }`, as JSON. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: Record<string, string>;
  };
}

export function errorOf(answer: Answer): ErrorBody['error'] {
  const error = (answer.json as Partial<ErrorBody> | undefined)?.error;
  if (error === undefined)
    throw new Error(`Not our error format (${answer.status}): ${answer.text.slice(0, 300)}`);
  return error;
}

let controls = 0;

/**
 * A valid contact message, then waits for its two emails: afterwards, earlier work has had its turn. Each
 * comes from its own address and client address, so no rate limit ever refuses it.
 */
export async function deliverControlMessage(stack: LocalStackFixture): Promise<StoredEmail[]> {
  controls += 1;
  const answer = await postJson(
    stack.apiUrl,
    '/contact',
    {
      name: 'Kontroll Kontrollsen',
      email: `kontroll.${controls}@example.no`,
      message: 'A control message: every email before it has been sent.',
    },
    { from: `127.9.${Math.floor(controls / 250)}.${(controls % 250) + 1}` },
  );
  if (answer.status !== 202) throw new Error(`The control message got ${answer.status}: ${answer.text}`);
  const { id } = answer.json as { id: string };
  return eventually(async () => {
    const mine = (await stack.emails()).filter((email) => email.body.text?.includes(id));
    return mine.length >= 2 ? mine : undefined;
  });
}

/**
 * Asserts that nothing was kept since `before`: no new item right away, and, once a control message has
 * gone all the way through the workflow, no email but the control's two.
 */
export async function expectNothingKeptSince(stack: LocalStackFixture, before: StoredState): Promise<void> {
  expect(await stack.countItems()).toBe(before.items);
  await deliverControlMessage(stack);
  expect(await stack.state()).toEqual({
    items: before.items + CONTROL_MESSAGE_ITEMS,
    emails: before.emails + 2,
  });
}

/**
 * What a control message keeps: the message, the two rate counters it is the first hit of (its own
 * mailbox and client address) and its mailbox's confirmation claim.
 */
const CONTROL_MESSAGE_ITEMS = 4;
