/**
 * An in-memory stand-in for the few Mailchimp Marketing API v3 endpoints the connector calls, answering
 * the way the documented API does: HTTP Basic auth (any user name, the API key as password), JSON bodies,
 * errors as `application/problem+json` (`type`, `title`, `status`, `detail`, `instance`), 404 for a member
 * or audience that does not exist, and 429 beyond 10 simultaneous connections.
 *
 *   GET   /3.0/lists/{list_id}
 *   GET   /3.0/lists/{list_id}/members/{subscriber_hash}
 *   PATCH /3.0/lists/{list_id}/members/{subscriber_hash}
 *   GET   /3.0/lists/{list_id}/members/{subscriber_hash}/tags?count&offset
 *   GET   /3.0/lists/{list_id}/members/{subscriber_hash}/activity
 *   POST  /3.0/lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent
 *
 * Tests seed and inspect members through `members`, and make the next calls fail with `failNext` (429 with
 * Retry-After, 500, …) or hang with `stallNext` (for timeouts). Nothing is written to disk.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { endpointFor } from '../emulators/emulator';
import { closeServer, listen } from '../emulators/ports';

const SERVICE = 'Mailchimp (fake)';
const ERROR_DOCS = 'https://mailchimp.com/developer/marketing/docs/errors/';
/** Mailchimp allows 10 simultaneous connections per user. */
const MAX_CONNECTIONS = 10;

export const FAKE_MAILCHIMP_API_KEY = '0123456789abcdef0123456789abcdef-us6';
export const FAKE_MAILCHIMP_LIST_ID = 'a1b2c3d4e5';

export type MemberStatus =
  | 'subscribed'
  | 'unsubscribed'
  | 'cleaned'
  | 'pending'
  | 'transactional'
  | 'archived';

const STATUSES: readonly string[] = [
  'subscribed',
  'unsubscribed',
  'cleaned',
  'pending',
  'transactional',
  'archived',
];

export interface FakeTag {
  readonly name: string;
  readonly date_added: string;
}

export interface FakeActivity {
  readonly action: string;
  readonly timestamp: string;
  readonly type?: string;
  readonly campaign_id?: string;
  readonly title?: string;
  readonly url?: string;
}

export interface FakeMarketingPermission {
  readonly marketing_permission_id: string;
  readonly text: string;
  readonly enabled: boolean;
}

/** What a test seeds; everything but the address has a default. */
export interface FakeMemberSeed {
  readonly email_address: string;
  readonly status?: MemberStatus;
  readonly merge_fields?: Readonly<Record<string, unknown>>;
  readonly interests?: Readonly<Record<string, boolean>>;
  readonly language?: string;
  readonly timestamp_signup?: string;
  readonly timestamp_opt?: string;
  readonly last_changed?: string;
  readonly ip_signup?: string;
  readonly location?: {
    readonly latitude: number;
    readonly longitude: number;
    readonly country_code: string;
  };
  readonly marketing_permissions?: readonly FakeMarketingPermission[];
  readonly stats?: { readonly avg_open_rate: number; readonly avg_click_rate: number };
  readonly tags?: readonly FakeTag[];
  readonly activity?: readonly FakeActivity[];
}

/** A member as the fake holds it. */
export interface FakeMember extends Required<Omit<FakeMemberSeed, 'location'>> {
  readonly id: string;
  readonly location: { readonly latitude: number; readonly longitude: number; readonly country_code: string };
}

export interface FakeMembers {
  /** Adds or replaces a member; returns it with its subscriber hash as `id`. */
  seed(member: FakeMemberSeed): FakeMember;
  get(email: string): FakeMember | undefined;
  has(email: string): boolean;
  all(): readonly FakeMember[];
  clear(): void;
}

export interface FakeRequest {
  readonly method: string;
  /** Path and query, e.g. `/3.0/lists/a1b2c3d4e5/members/…/tags?count=1000&offset=0`. */
  readonly path: string;
  readonly body?: unknown;
}

export interface FailureOptions {
  /** Sent as `Retry-After` (seconds); 429s send 5 unless this is `null`. */
  readonly retryAfterSeconds?: number | null;
}

export interface FakeMailchimp {
  /** Base URL, `http://127.0.0.1:<port>/3.0`: what the connector's `baseUrl` takes. */
  readonly url: string;
  readonly apiKey: string;
  readonly listId: string;
  readonly members: FakeMembers;
  /** Every request that reached the fake, in order. */
  readonly requests: readonly FakeRequest[];
  /** The next `count` requests answer `status` as a problem document, whatever they ask. */
  failNext(status: number, count?: number, options?: FailureOptions): void;
  /** The next `count` requests get no answer until the fake closes. */
  stallNext(count?: number): void;
  /** Drops failures and stalls not yet used up; members and requests stay. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeMailchimpOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly apiKey?: string;
  readonly listId?: string;
}

export function fakeSubscriberHash(email: string): string {
  return createHash('md5').update(email.toLowerCase()).digest('hex');
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(title);
  }
}

const notFound = () =>
  new HttpProblem(404, 'Resource Not Found', 'The requested resource could not be found.');

export async function startFakeMailchimp(options: FakeMailchimpOptions = {}): Promise<FakeMailchimp> {
  const apiKey = options.apiKey ?? FAKE_MAILCHIMP_API_KEY;
  const listId = options.listId ?? FAKE_MAILCHIMP_LIST_ID;
  const store = new Map<string, FakeMember>();
  const requests: FakeRequest[] = [];
  const failures: { status: number; retryAfterSeconds: number | null }[] = [];
  const stalled = new Set<ServerResponse>();
  let stalls = 0;
  let inFlight = 0;

  const members: FakeMembers = {
    seed(seed) {
      const member = withDefaults(seed);
      store.set(member.id, member);
      return member;
    },
    get: (email) => store.get(fakeSubscriberHash(email)),
    has: (email) => store.has(fakeSubscriberHash(email)),
    all: () => [...store.values()],
    clear: () => store.clear(),
  };

  function route(method: string, url: URL, body: unknown): Reply {
    const parts = url.pathname.split('/').filter((part) => part !== '');
    if (parts[0] !== '3.0' || parts[1] !== 'lists' || parts[2] === undefined) throw notFound();
    if (parts[2] !== listId) throw notFound();
    const [, , , collection, hash, sub, action] = parts;

    if (collection === undefined) {
      allow(method, 'GET');
      return { status: 200, body: { id: listId, name: 'STERK nyhetsbrev' } };
    }
    if (collection !== 'members' || hash === undefined) throw notFound();
    const member = store.get(hash.toLowerCase());

    if (sub === undefined) {
      allow(method, 'GET', 'PATCH');
      if (member === undefined) throw notFound();
      if (method === 'GET') return { status: 200, body: memberJson(member, listId) };
      const updated = patched(member, body);
      store.set(updated.id, updated);
      return { status: 200, body: memberJson(updated, listId) };
    }
    if (sub === 'tags' && action === undefined) {
      allow(method, 'GET');
      if (member === undefined) throw notFound();
      const count = Math.min(numberParam(url, 'count', 10), 1000);
      const offset = numberParam(url, 'offset', 0);
      return {
        status: 200,
        body: {
          tags: member.tags
            .slice(offset, offset + count)
            .map((tag, index) => ({ id: offset + index + 1, ...tag })),
          total_items: member.tags.length,
        },
      };
    }
    if (sub === 'activity' && action === undefined) {
      allow(method, 'GET');
      if (member === undefined) throw notFound();
      // The documented endpoint returns the last 50 events, newest first.
      const activity = [...member.activity]
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
        .slice(0, 50);
      return {
        status: 200,
        body: { activity, email_id: member.id, list_id: listId, total_items: activity.length },
      };
    }
    if (sub === 'actions' && action === 'delete-permanent' && parts.length === 7) {
      allow(method, 'POST');
      if (member === undefined) throw notFound();
      store.delete(member.id);
      return { status: 204 };
    }
    throw notFound();
  }

  /**
   * Test control over HTTP, for suites that drive `npm start` from outside its process:
   * `POST /__fake/members` seeds a member, `GET /__fake/members/{email}` reads one back,
   * `POST /__fake/fail` with `{status, count}` makes the next calls fail.
   */
  function control(method: string, path: string, body: unknown, response: ServerResponse): void {
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    if (method === 'POST' && path === '/__fake/members') {
      reply(201, members.seed(body as FakeMemberSeed));
      return;
    }
    if (method === 'GET' && path.startsWith('/__fake/members/')) {
      const member = members.get(decodeURIComponent(path.slice('/__fake/members/'.length)));
      reply(member === undefined ? 404 : 200, member ?? {});
      return;
    }
    if (method === 'POST' && path === '/__fake/fail') {
      const { status, count, retryAfterSeconds } = body as {
        status: number;
        count?: number;
        retryAfterSeconds?: number;
      };
      // Locally a short Retry-After keeps the workflow's retries quick.
      const retryAfter = retryAfterSeconds ?? (status === 429 ? 1 : null);
      for (let i = 0; i < (count ?? 1); i += 1) failures.push({ status, retryAfterSeconds: retryAfter });
      reply(204, {});
      return;
    }
    reply(404, {});
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake');
    const text = await readBody(request);
    let body: unknown;
    let malformed = false;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    if (url.pathname.startsWith('/__fake/')) {
      control(method, url.pathname, body, response);
      return;
    }
    requests.push({ method, path: `${url.pathname}${url.search}`, ...(body === undefined ? {} : { body }) });

    if (stalls > 0) {
      stalls -= 1;
      stalled.add(response);
      response.once('close', () => stalled.delete(response));
      return;
    }
    try {
      const failure = failures.shift();
      if (failure !== undefined) throw injected(failure.status, failure.retryAfterSeconds);
      if (inFlight > MAX_CONNECTIONS) {
        throw new HttpProblem(
          429,
          'Too Many Requests',
          `You have exceeded the limit of ${MAX_CONNECTIONS} simultaneous connections.`,
        );
      }
      authenticate(request.headers.authorization, apiKey);
      if (malformed) {
        throw new HttpProblem(
          400,
          'JSON Parse Exception',
          'We encountered an unspecified JSON parsing error.',
        );
      }
      send(response, route(method, url, body));
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      send(response, {
        status: error.status,
        headers: error.headers,
        body: {
          type: ERROR_DOCS,
          title: error.title,
          status: error.status,
          detail: error.detail,
          instance: randomUUID(),
        },
      });
    }
  }

  const server = createServer((request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, { status: 500, body: { title: 'Internal Server Error' } });
    });
  });
  const port = await listen(server, SERVICE, options.port ?? 0);

  return {
    url: `${endpointFor(port)}/3.0`,
    apiKey,
    listId,
    members,
    requests,
    failNext(status, count = 1, failureOptions = {}) {
      const retryAfterSeconds =
        failureOptions.retryAfterSeconds === undefined
          ? status === 429
            ? 5
            : null
          : failureOptions.retryAfterSeconds;
      for (let i = 0; i < count; i += 1) failures.push({ status, retryAfterSeconds });
    },
    stallNext(count = 1) {
      stalls += count;
    },
    reset() {
      failures.length = 0;
      stalls = 0;
    },
    async close() {
      for (const response of stalled) response.destroy();
      await closeServer(server);
    },
  };
}

function withDefaults(seed: FakeMemberSeed): FakeMember {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return {
    id: fakeSubscriberHash(seed.email_address),
    email_address: seed.email_address,
    status: seed.status ?? 'subscribed',
    merge_fields: seed.merge_fields ?? { FNAME: '', LNAME: '' },
    interests: seed.interests ?? {},
    language: seed.language ?? '',
    timestamp_signup: seed.timestamp_signup ?? '',
    timestamp_opt: seed.timestamp_opt ?? now,
    last_changed: seed.last_changed ?? now,
    ip_signup: seed.ip_signup ?? '',
    location: seed.location ?? { latitude: 0, longitude: 0, country_code: '' },
    marketing_permissions: seed.marketing_permissions ?? [],
    stats: seed.stats ?? { avg_open_rate: 0, avg_click_rate: 0 },
    tags: seed.tags ?? [],
    activity: seed.activity ?? [],
  };
}

/** The member resource as Mailchimp sends it, including fields the connector leaves out. */
function memberJson(member: FakeMember, listId: string): Record<string, unknown> {
  const fullName = [member.merge_fields.FNAME, member.merge_fields.LNAME]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
  return {
    id: member.id,
    email_address: member.email_address,
    unique_email_id: member.id.slice(0, 10),
    contact_id: member.id,
    full_name: fullName,
    web_id: 123456,
    email_type: 'html',
    status: member.status,
    unsubscribe_reason: member.status === 'unsubscribed' ? 'N/A (Unsubscribed by an admin)' : '',
    consents_to_one_to_one_messaging: true,
    merge_fields: member.merge_fields,
    interests: member.interests,
    stats: member.stats,
    ip_signup: member.ip_signup,
    timestamp_signup: member.timestamp_signup,
    ip_opt: '',
    timestamp_opt: member.timestamp_opt,
    member_rating: 3,
    last_changed: member.last_changed,
    language: member.language,
    vip: false,
    email_client: '',
    location: { ...member.location, gmtoff: 0, dstoff: 0, timezone: '', region: '' },
    marketing_permissions: member.marketing_permissions,
    source: 'API - Generic',
    tags_count: member.tags.length,
    tags: member.tags.slice(0, 50).map((tag, index) => ({ id: index + 1, name: tag.name })),
    list_id: listId,
    _links: [],
  };
}

function patched(member: FakeMember, body: unknown): FakeMember {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem(400, 'Invalid Resource', 'The resource submitted could not be validated.');
  }
  const changes = body as Record<string, unknown>;
  if (
    changes.status !== undefined &&
    (typeof changes.status !== 'string' || !STATUSES.includes(changes.status))
  ) {
    throw new HttpProblem(400, 'Invalid Resource', 'The resource submitted could not be validated.');
  }
  return {
    ...member,
    ...(changes.status === undefined ? {} : { status: changes.status as MemberStatus }),
    last_changed: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
  };
}

function authenticate(header: string | undefined, apiKey: string): void {
  if (header === undefined || !header.startsWith('Basic ')) {
    throw new HttpProblem(
      401,
      'API Key Missing',
      'Your request did not include an API key. Please provide your API key using HTTP basic authentication.',
    );
  }
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0 || decoded.slice(separator + 1) !== apiKey) {
    throw new HttpProblem(
      401,
      'API Key Invalid',
      "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
    );
  }
}

function allow(method: string, ...methods: readonly string[]): void {
  if (!methods.includes(method)) {
    throw new HttpProblem(405, 'Method Not Allowed', 'The requested method and resource are not compatible.');
  }
}

function injected(status: number, retryAfterSeconds: number | null): HttpProblem {
  const headers: Record<string, string> =
    retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) };
  if (status === 429) {
    return new HttpProblem(
      429,
      'Too Many Requests',
      `You have exceeded the limit of ${MAX_CONNECTIONS} simultaneous connections.`,
      headers,
    );
  }
  if (status === 401) return new HttpProblem(401, 'API Key Invalid', 'Your API key may be invalid.', headers);
  if (status === 403) {
    return new HttpProblem(403, 'Forbidden', 'You are not permitted to access this resource.', headers);
  }
  if (status >= 500) {
    return new HttpProblem(
      status,
      'Internal Server Error',
      'An unexpected internal error has occurred.',
      headers,
    );
  }
  return new HttpProblem(
    status,
    'Invalid Resource',
    'The resource submitted could not be validated.',
    headers,
  );
}

function numberParam(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new HttpProblem(400, 'Invalid Resource', `The ${name} parameter must be a non-negative integer.`);
  }
  return number;
}

function send(response: ServerResponse, reply: Reply): void {
  const isProblem = reply.status >= 400;
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(payload === ''
      ? {}
      : {
          'Content-Type': isProblem
            ? 'application/problem+json; charset=utf-8'
            : 'application/json; charset=utf-8',
        }),
    ...reply.headers,
  });
  response.end(payload);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
