/**
 * The Mailchimp connector: reads, permanently deletes or unsubscribes one person in one Mailchimp audience
 * through the Marketing API v3 (`https://<dc>.api.mailchimp.com/3.0`, HTTP Basic auth with any user name
 * and the API key as the password). Plain `fetch`, no SDK.
 *
 * Mailchimp finds a member by the subscriber hash, the MD5 of the lower-cased email address. That hash
 * identifies the person as well as the address does, so neither appears in an error message, in a cause,
 * or anywhere else that may be logged; nor does the API key. Mailchimp's own problem `detail` may quote the
 * address ("… is already a list member"), so only the problem's generic `title` and its `instance` id (which
 * Mailchimp support asks for) are passed on.
 *
 * Failures are sorted for the workflow: ConnectorUnavailableError when trying again later may help (429,
 * 408, 5xx, no answer, a timeout), ConnectorFailedError when it will not (401, 403, 400, a missing audience,
 * an answer of the wrong shape).
 *
 * A 404 for the member means the person is not in the audience. Mailchimp answers a wrong audience id with
 * the same 404, so before reporting "not a member" the connector checks once that the audience exists:
 * otherwise a typo in the configuration would report every person as holding no data.
 */
import { createHash } from 'node:crypto';
import {
  type CollectedData,
  type CollectedRecord,
  type Connector,
  ConnectorFailedError,
  ConnectorUnavailableError,
  type DataSubject,
  type EraseOutcome,
} from '../../domain/connectors/connector';
import * as z from '../../domain/zod';

/**
 * The policy category ids this connector reports (policy `systems[mailchimp]` declares email, name and
 * newsletter-subscription). The standard audience fields PHONE, ADDRESS and BIRTHDAY are reported as phone,
 * postal-address and birth-date when they hold a value, even though the policy does not declare them for
 * Mailchimp: the finding should tell what is there, and a mismatch is for staff to see.
 */
export const MAILCHIMP_CATEGORIES = [
  'email',
  'name',
  'newsletter-subscription',
  'phone',
  'postal-address',
  'birth-date',
] as const;

export type MailchimpCategory = (typeof MAILCHIMP_CATEGORIES)[number];

/** Merge tags of Mailchimp's default audience fields, and the category each one holds. */
const MERGE_FIELD_CATEGORIES: Readonly<Record<string, MailchimpCategory>> = {
  FNAME: 'name',
  LNAME: 'name',
  PHONE: 'phone',
  ADDRESS: 'postal-address',
  BIRTHDAY: 'birth-date',
};

export interface MailchimpConnectorOptions {
  readonly apiKey: string;
  /** The data centre, e.g. `us6`: the part after the dash in the API key. */
  readonly serverPrefix: string;
  /** The audience (list) id. */
  readonly listId: string;
  /** Replaces `https://<serverPrefix>.api.mailchimp.com/3.0`, e.g. with the local fake's URL. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** How long one call may take, body included, before it counts as unavailable. Default 10 s. */
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Mailchimp hands out at most 1000 items per page. */
const PAGE_SIZE = 1000;

/** `us6`, `us21`: anything else would change the host name the API key is sent to. */
const SERVER_PREFIX = /^[a-z]{2,10}[0-9]{1,4}$/;

/** MD5 of the lower-cased address: how Mailchimp names a member in its URLs. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** What each call is called in messages; never the URL, which carries the subscriber hash. */
type Operation =
  | 'member lookup'
  | 'member tags'
  | 'member activity'
  | 'audience check'
  | 'permanent delete'
  | 'unsubscribe';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class MailchimpConnector implements Connector {
  private readonly baseUrl: string;
  private readonly listPath: string;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly apiKey: string;
  private listChecked = false;

  constructor(options: MailchimpConnectorOptions) {
    if (!SERVER_PREFIX.test(options.serverPrefix)) {
      throw new ConnectorFailedError('The Mailchimp server prefix is not of the form us6');
    }
    if (options.listId === '' || options.apiKey === '') {
      throw new ConnectorFailedError('The Mailchimp audience id and API key must not be empty');
    }
    this.apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? `https://${options.serverPrefix}.api.mailchimp.com/3.0`).replace(
      /\/+$/,
      '',
    );
    this.listPath = `/lists/${encodeURIComponent(options.listId)}`;
    this.authorization = `Basic ${Buffer.from(`personvern:${options.apiKey}`).toString('base64')}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async collect(subject: DataSubject): Promise<CollectedData> {
    const secrets = this.secretsOf(subject);
    const memberPath = this.memberPath(secrets.hash);
    const answer = await this.call(secrets, 'member lookup', 'GET', memberPath);
    if (answer.status === 404) {
      await this.assertListExists(secrets);
      return { categories: [], records: {} };
    }
    const member = parse(MemberSchema, answer.body, 'member lookup');
    const [tags, activity] = await Promise.all([
      this.tags(secrets, memberPath),
      this.activity(secrets, memberPath),
    ]);
    return toCollectedData(member, tags, activity);
  }

  async erase(subject: DataSubject): Promise<EraseOutcome> {
    const secrets = this.secretsOf(subject);
    const path = `${this.memberPath(secrets.hash)}/actions/delete-permanent`;
    const answer = await this.call(secrets, 'permanent delete', 'POST', path);
    if (answer.status === 404) {
      await this.assertListExists(secrets);
      return { erased: false, reason: 'not-found' };
    }
    // One audience member: its fields, tags, consents and activity go with it.
    return { erased: true, recordCount: 1 };
  }

  async suppress(subject: DataSubject): Promise<{ readonly suppressed: boolean }> {
    const secrets = this.secretsOf(subject);
    const answer = await this.call(secrets, 'unsubscribe', 'PATCH', this.memberPath(secrets.hash), {
      status: 'unsubscribed',
    });
    if (answer.status === 404) {
      await this.assertListExists(secrets);
      return { suppressed: false };
    }
    const member = parse(z.object({ status: z.string() }), answer.body, 'unsubscribe');
    if (member.status !== 'unsubscribed') {
      throw new ConnectorFailedError(
        `Mailchimp accepted the unsubscribe but reports the member as ${safeWord(member.status)}`,
      );
    }
    return { suppressed: true };
  }

  private memberPath(hash: string): string {
    return `${this.listPath}/members/${hash}`;
  }

  /** The strings no message may contain. */
  private secretsOf(subject: DataSubject): Secrets {
    const email = subject.email.trim();
    return { hash: subscriberHash(email), values: [email, email.toLowerCase(), this.apiKey] };
  }

  private async tags(secrets: Secrets, memberPath: string): Promise<readonly Tag[]> {
    const tags: Tag[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const path = `${memberPath}/tags?count=${PAGE_SIZE}&offset=${offset}`;
      const answer = await this.call(secrets, 'member tags', 'GET', path);
      if (answer.status === 404) return tags; // deleted between the calls
      const page = parse(TagsSchema, answer.body, 'member tags');
      tags.push(...page.tags);
      const total = page.total_items ?? tags.length;
      if (page.tags.length === 0 || tags.length >= total) return tags;
    }
  }

  /** Mailchimp's "recent activity": the member's last 50 events (sent, open, click, bounce, unsub…). */
  private async activity(secrets: Secrets, memberPath: string): Promise<readonly Activity[]> {
    const answer = await this.call(secrets, 'member activity', 'GET', `${memberPath}/activity`);
    if (answer.status === 404) return [];
    return parse(ActivitySchema, answer.body, 'member activity').activity;
  }

  private async assertListExists(secrets: Secrets): Promise<void> {
    if (this.listChecked) return;
    const answer = await this.call(secrets, 'audience check', 'GET', `${this.listPath}?fields=id`);
    if (answer.status === 404) {
      throw new ConnectorFailedError('The configured Mailchimp audience does not exist (HTTP 404)');
    }
    this.listChecked = true;
  }

  /** One request. Resolves for 2xx and 404; throws a connector error for anything else. */
  private async call(
    secrets: Secrets,
    operation: Operation,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      text = await response.text();
    } catch (error) {
      throw unreachable(operation, error, secrets);
    }
    if (response.ok || response.status === 404) {
      return { status: response.status, body: text === '' ? undefined : parseJson(text, operation) };
    }
    throw refused(operation, response, text, secrets);
  }
}

interface Secrets {
  readonly hash: string;
  readonly values: readonly string[];
}

const nullableString = z.nullish(z.string());

const MemberSchema = z.object({
  email_address: z.string(),
  status: z.string(),
  full_name: nullableString,
  email_type: nullableString,
  unsubscribe_reason: nullableString,
  merge_fields: z.nullish(z.record(z.string(), z.unknown())),
  interests: z.nullish(z.record(z.string(), z.boolean())),
  language: nullableString,
  source: nullableString,
  timestamp_signup: nullableString,
  timestamp_opt: nullableString,
  last_changed: nullableString,
  location: z.nullish(z.object({ country_code: nullableString })),
  stats: z.nullish(z.object({ avg_open_rate: z.nullish(z.number()), avg_click_rate: z.nullish(z.number()) })),
  marketing_permissions: z.nullish(
    z.array(
      z.object({
        marketing_permission_id: z.string(),
        text: nullableString,
        enabled: z.nullish(z.boolean()),
      }),
    ),
  ),
});

type Member = z.infer<typeof MemberSchema>;

const TagsSchema = z.object({
  tags: z.array(z.object({ name: z.string(), date_added: nullableString })),
  total_items: z.nullish(z.number()),
});

type Tag = z.infer<typeof TagsSchema>['tags'][number];

const ActivitySchema = z.object({
  activity: z.array(
    z.object({
      action: z.string(),
      timestamp: nullableString,
      type: nullableString,
      campaign_id: nullableString,
      title: nullableString,
      url: nullableString,
    }),
  ),
});

type Activity = z.infer<typeof ActivitySchema>['activity'][number];

/** Flattens what Mailchimp holds into the export's records and names the categories found in them. */
export function toCollectedData(
  member: Member,
  tags: readonly Tag[],
  activity: readonly Activity[],
): CollectedData {
  const categories = new Set<MailchimpCategory>(['email', 'newsletter-subscription']);
  const row: Record<string, string | number | boolean | null> = {
    email_address: member.email_address,
    status: member.status,
    email_type: orNull(member.email_type),
    language: orNull(member.language),
    source: orNull(member.source),
    unsubscribe_reason: orNull(member.unsubscribe_reason),
    timestamp_signup: orNull(member.timestamp_signup),
    timestamp_opt: orNull(member.timestamp_opt),
    last_changed: orNull(member.last_changed),
    // Mailchimp also keeps the coordinates and time zone it guessed from an IP address; only the country is exported.
    location_country_code: orNull(member.location?.country_code),
    stats_avg_open_rate: member.stats?.avg_open_rate ?? null,
    stats_avg_click_rate: member.stats?.avg_click_rate ?? null,
  };
  if (hasValue(member.full_name)) {
    row.full_name = member.full_name ?? null;
    categories.add('name');
  }
  for (const [tag, value] of Object.entries(member.merge_fields ?? {})) {
    const flattened = flatten(`merge_${tag}`, value);
    Object.assign(row, flattened);
    const category = MERGE_FIELD_CATEGORIES[tag.toUpperCase()];
    if (category !== undefined && Object.values(flattened).some(hasValue)) categories.add(category);
  }
  for (const [interestId, enabled] of Object.entries(member.interests ?? {})) {
    row[`interest_${interestId}`] = enabled;
  }

  const records: Record<string, readonly CollectedRecord[]> = { member: [row] };
  const consents = (member.marketing_permissions ?? []).map((permission) => ({
    marketing_permission_id: permission.marketing_permission_id,
    text: orNull(permission.text),
    enabled: permission.enabled ?? null,
  }));
  if (consents.length > 0) records.consents = consents;
  if (tags.length > 0) {
    records.tags = tags.map((tag) => ({ name: tag.name, date_added: orNull(tag.date_added) }));
  }
  if (activity.length > 0) {
    records.activity = activity.map((event) => ({
      action: event.action,
      timestamp: orNull(event.timestamp),
      campaign_id: orNull(event.campaign_id),
      campaign_title: orNull(event.title),
      campaign_type: orNull(event.type),
      url: orNull(event.url),
    }));
  }

  const lastActivityDate = calendarDate(member.last_changed);
  return {
    categories: MAILCHIMP_CATEGORIES.filter((category) => categories.has(category)),
    records,
    ...(lastActivityDate === undefined ? {} : { lastActivityDate }),
  };
}

function flatten(key: string, value: unknown): Record<string, string | number | boolean | null> {
  if (value === null || value === undefined) return { [key]: null };
  if (typeof value === 'string') return { [key]: value === '' ? null : value };
  if (typeof value === 'number' || typeof value === 'boolean') return { [key]: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.assign(
      {},
      ...Object.entries(value as Record<string, unknown>).map(([part, inner]) =>
        flatten(`${key}_${part}`, inner),
      ),
    );
  }
  return { [key]: JSON.stringify(value) };
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Mailchimp sends `""` for timestamps it does not know. */
function orNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** `2026-03-14T09:30:00+00:00` → `2026-03-14` (UTC). */
function calendarDate(timestamp: string | null | undefined): string | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function parse<T>(schema: z.ZodMiniType<T>, body: unknown, operation: Operation): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    // The issues may quote values (the address among them); only where they are is passed on.
    const where = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new ConnectorFailedError(
      `Mailchimp answered the ${operation} with an unexpected body (at ${where.slice(0, 5).join(', ')})`,
    );
  }
  return result.data;
}

function parseJson(text: string, operation: Operation): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse quotes the text it could not read: no cause.
    throw new ConnectorFailedError(`Mailchimp answered the ${operation} with a body that is not JSON`);
  }
}

/** No HTTP answer: a timeout, a refused or reset connection, a DNS failure. */
function unreachable(operation: Operation, error: unknown, secrets: Secrets): ConnectorUnavailableError {
  const reason = scrub(failureReason(error), secrets);
  return new ConnectorUnavailableError(`Mailchimp did not answer the ${operation} (${reason})`, undefined, {
    cause: stripped(reason),
  });
}

function failureReason(error: unknown): string {
  const shape = isObject(error) ? error : {};
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  if (name === 'TimeoutError') return 'timed out';
  if (name === 'AbortError') return 'aborted';
  // undici: TypeError('fetch failed') whose cause carries the socket error's code (ECONNREFUSED, ENOTFOUND…).
  const cause = isObject(shape.cause) ? shape.cause : {};
  for (const code of [cause.code, shape.code]) {
    if (typeof code === 'string' && /^[A-Z_]{3,40}$/.test(code)) return code;
  }
  return /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error';
}

const ProblemSchema = z.object({
  title: z.optional(z.string()),
  instance: z.optional(z.string()),
});

/** An HTTP answer other than 2xx or 404. */
function refused(
  operation: Operation,
  response: Response,
  text: string,
  secrets: Secrets,
): ConnectorUnavailableError | ConnectorFailedError {
  const status = response.status;
  let problem: z.infer<typeof ProblemSchema> = {};
  try {
    problem = ProblemSchema.safeParse(JSON.parse(text)).data ?? {};
  } catch {
    // Not problem+json (a proxy's HTML page, say): the status has to do.
  }
  const parts = [`HTTP ${status}`];
  const title = problem.title === undefined ? undefined : safeWords(problem.title);
  if (title !== undefined) parts.push(title);
  if (problem.instance !== undefined && /^[A-Za-z0-9-]{1,64}$/.test(problem.instance)) {
    parts.push(`instance ${problem.instance}`);
  }
  const detail = scrub(parts.join(', '), secrets);
  const cause = stripped(detail);

  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterSeconds = retryAfter(response.headers.get('retry-after'));
    const what = status === 429 ? 'is rate limiting' : 'could not take';
    return new ConnectorUnavailableError(
      `Mailchimp ${what} the ${operation} now (${detail})`,
      retryAfterSeconds,
      { cause },
    );
  }
  return new ConnectorFailedError(`Mailchimp refused the ${operation} (${detail})`, { cause });
}

/** `Retry-After`: delta seconds or an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** A problem title is generic ("API Key Invalid", "Resource Not Found"); anything unusual is left out. */
function safeWords(text: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9 .,'()-]{0,79}$/.test(text) ? text : undefined;
}

function safeWord(text: string): string {
  return /^[a-z_]{1,20}$/.test(text) ? text : 'something else';
}

/** The last line of defence: whatever got through the filters above, the address, hash and key do not. */
function scrub(text: string, secrets: Secrets): string {
  let result = text;
  for (const value of [secrets.hash, ...secrets.values]) {
    if (value !== '') result = result.split(value).join('[redacted]');
  }
  return result;
}

/** A stand-in cause that says what went wrong and nothing the original error may have quoted. */
function stripped(reason: string): Error {
  const cause = new Error(reason);
  cause.name = 'MailchimpError';
  return cause;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
