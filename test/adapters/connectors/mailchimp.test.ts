import { inspect } from 'node:util';
import {
  MAILCHIMP_CATEGORIES,
  MailchimpConnector,
  type MailchimpConnectorOptions,
  retryAfter,
  subscriberHash,
} from '../../../lambdas/adapters/connectors/mailchimp';
import {
  ConnectorFailedError,
  ConnectorUnavailableError,
  type DataSubject,
} from '../../../lambdas/domain/connectors/connector';
import { type FakeMailchimp, type FakeMemberSeed, startFakeMailchimp } from '../../../local/fakes/mailchimp';
import policy from '../../../policy/sterk.json' with { type: 'json' };

const EMAIL = 'kari.nordmann@example.org';
/** md5("kari.nordmann@example.org"), worked out outside the code under test. */
const HASH = '25a8703cf2983562a3582b2444f6ce7d';
const SUBJECT: DataSubject = { email: EMAIL, name: 'Kari Nordmann' };
const STRANGER: DataSubject = { email: 'ola.ukjent@example.org' };

const KARI: FakeMemberSeed = {
  email_address: EMAIL,
  status: 'subscribed',
  merge_fields: { FNAME: 'Kari', LNAME: 'Nordmann' },
  interests: { '9f3a1c0b2d': true },
  language: 'nb',
  timestamp_signup: '2024-02-01T10:00:00+00:00',
  timestamp_opt: '2024-02-01T10:05:00+00:00',
  last_changed: '2026-03-14T09:30:00+00:00',
  ip_signup: '192.0.2.44',
  location: { latitude: 59.91, longitude: 10.75, country_code: 'NO' },
  marketing_permissions: [
    { marketing_permission_id: 'mp-email', text: 'E-post', enabled: true },
    { marketing_permission_id: 'mp-ads', text: 'Tilpassede annonser', enabled: false },
  ],
  stats: { avg_open_rate: 0.5, avg_click_rate: 0.25 },
  tags: [
    { name: 'Medlem', date_added: '2024-02-01T10:00:00+00:00' },
    { name: 'Majorstuen', date_added: '2025-01-10T08:00:00+00:00' },
  ],
  activity: [
    {
      action: 'sent',
      timestamp: '2026-03-01T07:00:00+00:00',
      type: 'regular',
      campaign_id: 'c-march',
      title: 'Nyhetsbrev mars',
    },
    {
      action: 'click',
      timestamp: '2026-03-01T08:12:00+00:00',
      type: 'regular',
      campaign_id: 'c-march',
      title: 'Nyhetsbrev mars',
      url: 'https://sterkhelse.no/kurs',
    },
  ],
};

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** Everything a logger could print about the error, causes included. */
function printed(error: unknown): string {
  return `${inspect(error, { depth: 10 })} ${JSON.stringify(error)} ${String((error as Error).message)}`;
}

describe('Class: MailchimpConnector', () => {
  let fake: FakeMailchimp;

  beforeAll(async () => {
    fake = await startFakeMailchimp();
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(() => {
    fake.members.clear();
    fake.members.seed(KARI);
  });

  function connector(overrides: Partial<MailchimpConnectorOptions> = {}): MailchimpConnector {
    return new MailchimpConnector({
      apiKey: fake.apiKey,
      serverPrefix: 'us6',
      listId: fake.listId,
      baseUrl: fake.url,
      ...overrides,
    });
  }

  function requestsSince(start: number) {
    return fake.requests.slice(start);
  }

  describe('collect', () => {
    it("exports the member's fields, consents, tags and activity under the policy's categories", async () => {
      // Prepare
      const mailchimp = connector();

      // Act
      const data = await mailchimp.collect(SUBJECT);

      // Assess
      expect(data.categories).toEqual(['email', 'name', 'newsletter-subscription']);
      expect(data.lastActivityDate).toBe('2026-03-14');
      expect(data.records.member).toEqual([
        {
          email_address: EMAIL,
          status: 'subscribed',
          email_type: 'html',
          language: 'nb',
          source: 'API - Generic',
          unsubscribe_reason: null,
          timestamp_signup: '2024-02-01T10:00:00+00:00',
          timestamp_opt: '2024-02-01T10:05:00+00:00',
          last_changed: '2026-03-14T09:30:00+00:00',
          location_country_code: 'NO',
          stats_avg_open_rate: 0.5,
          stats_avg_click_rate: 0.25,
          full_name: 'Kari Nordmann',
          merge_FNAME: 'Kari',
          merge_LNAME: 'Nordmann',
          interest_9f3a1c0b2d: true,
        },
      ]);
      expect(data.records.consents).toEqual([
        { marketing_permission_id: 'mp-email', text: 'E-post', enabled: true },
        { marketing_permission_id: 'mp-ads', text: 'Tilpassede annonser', enabled: false },
      ]);
      expect(data.records.tags).toEqual([
        { name: 'Medlem', date_added: '2024-02-01T10:00:00+00:00' },
        { name: 'Majorstuen', date_added: '2025-01-10T08:00:00+00:00' },
      ]);
      expect(data.records.activity).toEqual([
        {
          action: 'click',
          timestamp: '2026-03-01T08:12:00+00:00',
          campaign_id: 'c-march',
          campaign_title: 'Nyhetsbrev mars',
          campaign_type: 'regular',
          url: 'https://sterkhelse.no/kurs',
        },
        {
          action: 'sent',
          timestamp: '2026-03-01T07:00:00+00:00',
          campaign_id: 'c-march',
          campaign_title: 'Nyhetsbrev mars',
          campaign_type: 'regular',
          url: null,
        },
      ]);
    });

    it('leaves out the coordinates and IP address Mailchimp keeps, exporting only the country', async () => {
      // Prepare
      const mailchimp = connector();

      // Act
      const data = await mailchimp.collect(SUBJECT);

      // Assess
      const exported = JSON.stringify(data);
      expect(exported).not.toContain('59.91');
      expect(exported).not.toContain('10.75');
      expect(exported).not.toContain('192.0.2.44');
      expect(Object.keys(data.records.member?.[0] ?? {})).not.toContain('member_rating');
    });

    it('looks the member up by the MD5 of the lower-cased address, whatever its case', async () => {
      // Prepare
      const mailchimp = connector();
      const start = fake.requests.length;

      // Act
      const data = await mailchimp.collect({ email: 'Kari.Nordmann@EXAMPLE.org' });

      // Assess
      expect(subscriberHash('Kari.Nordmann@EXAMPLE.org')).toBe(HASH);
      expect(data.records.member?.[0]?.email_address).toBe(EMAIL);
      expect(requestsSince(start).map(({ method, path }) => `${method} ${path}`)).toEqual(
        expect.arrayContaining([
          `GET /3.0/lists/${fake.listId}/members/${HASH}`,
          `GET /3.0/lists/${fake.listId}/members/${HASH}/tags?count=1000&offset=0`,
          `GET /3.0/lists/${fake.listId}/members/${HASH}/activity`,
        ]),
      );
    });

    it('returns empty records for someone who is not in the audience', async () => {
      // Prepare
      const mailchimp = connector();

      // Act
      const data = await mailchimp.collect(STRANGER);

      // Assess
      expect(data).toEqual({ categories: [], records: {} });
    });

    it('reports phone, postal address and birthday fields under their own categories, flattened', async () => {
      // Prepare
      fake.members.seed({
        ...KARI,
        merge_fields: {
          FNAME: 'Kari',
          LNAME: '',
          PHONE: '+4791234567',
          BIRTHDAY: '',
          ADDRESS: { addr1: 'Storgata 1', addr2: '', city: 'Oslo', state: '', zip: '0155', country: 'NO' },
        },
      });
      const mailchimp = connector();

      // Act
      const data = await mailchimp.collect(SUBJECT);

      // Assess
      expect(data.categories).toEqual([
        'email',
        'name',
        'newsletter-subscription',
        'phone',
        'postal-address',
      ]);
      expect(data.records.member?.[0]).toMatchObject({
        merge_LNAME: null,
        merge_PHONE: '+4791234567',
        merge_BIRTHDAY: null,
        merge_ADDRESS_addr1: 'Storgata 1',
        merge_ADDRESS_city: 'Oslo',
        merge_ADDRESS_zip: '0155',
      });
    });

    it('reads every page of tags', async () => {
      // Prepare
      const tags = Array.from({ length: 1003 }, (_, i) => ({
        name: `tag-${i}`,
        date_added: '2025-01-01T00:00:00+00:00',
      }));
      fake.members.seed({ ...KARI, tags });
      const mailchimp = connector();

      // Act
      const data = await mailchimp.collect(SUBJECT);

      // Assess
      expect(data.records.tags).toHaveLength(1003);
      expect(data.records.tags?.[1002]).toEqual({
        name: 'tag-1002',
        date_added: '2025-01-01T00:00:00+00:00',
      });
    });

    it('covers every category the policy declares for Mailchimp', () => {
      // Prepare
      const system = policy.systems.find((candidate) => candidate.id === 'mailchimp');

      // Act
      const declared = system?.categories ?? [];

      // Assess
      expect(declared.length).toBeGreaterThan(0);
      for (const category of declared) expect(MAILCHIMP_CATEGORIES).toContain(category);
    });

    it('uses only category ids the policy defines', () => {
      // Prepare
      const defined = new Set(policy.categories.map((category) => category.id));

      // Act
      const unknown = MAILCHIMP_CATEGORIES.filter((category) => !defined.has(category));

      // Assess
      expect(unknown).toEqual([]);
    });
  });

  describe('erase', () => {
    it('deletes the member permanently, so a later collect finds nothing', async () => {
      // Prepare
      const mailchimp = connector();
      const start = fake.requests.length;

      // Act
      const outcome = await mailchimp.erase(SUBJECT);

      // Assess
      expect(outcome).toEqual({ erased: true, recordCount: 1 });
      expect(requestsSince(start)).toEqual([
        { method: 'POST', path: `/3.0/lists/${fake.listId}/members/${HASH}/actions/delete-permanent` },
      ]);
      expect(fake.members.has(EMAIL)).toBe(false);
      expect(await mailchimp.collect(SUBJECT)).toEqual({ categories: [], records: {} });
    });

    it('says not-found for someone who is not in the audience', async () => {
      // Prepare
      const mailchimp = connector();

      // Act
      const outcome = await mailchimp.erase(STRANGER);

      // Assess
      expect(outcome).toEqual({ erased: false, reason: 'not-found' });
      expect(fake.members.has(EMAIL)).toBe(true);
    });
  });

  describe('suppress', () => {
    it('unsubscribes the member and keeps the record', async () => {
      // Prepare
      const mailchimp = connector();
      const start = fake.requests.length;

      // Act
      const result = await mailchimp.suppress(SUBJECT);

      // Assess
      expect(result).toEqual({ suppressed: true });
      expect(requestsSince(start)).toEqual([
        {
          method: 'PATCH',
          path: `/3.0/lists/${fake.listId}/members/${HASH}`,
          body: { status: 'unsubscribed' },
        },
      ]);
      expect(fake.members.get(EMAIL)?.status).toBe('unsubscribed');
    });

    it('suppresses nothing for someone who is not in the audience', async () => {
      // Prepare
      const mailchimp = connector();

      // Act
      const result = await mailchimp.suppress(STRANGER);

      // Assess
      expect(result).toEqual({ suppressed: false });
    });
  });

  describe('a wrong audience id', () => {
    it('is refused instead of reporting everyone as absent', async () => {
      // Prepare
      const mailchimp = connector({ listId: 'nosuchlist' });

      // Act
      const errors = [
        await failureOf(mailchimp.collect(SUBJECT)),
        await failureOf(mailchimp.erase(SUBJECT)),
        await failureOf(mailchimp.suppress(SUBJECT)),
      ];

      // Assess
      for (const error of errors) {
        expect(error).toBeInstanceOf(ConnectorFailedError);
        expect(error.message).toMatch(/audience does not exist/);
      }
    });
  });

  describe('failures', () => {
    afterEach(() => {
      // A test that failed before using up its injected failures must not pass them on.
      fake.reset();
    });

    it('turns 429 into unavailable, with the seconds from Retry-After', async () => {
      // Prepare
      fake.failNext(429, 1, { retryAfterSeconds: 7 });
      const mailchimp = connector();

      // Act
      const error = await failureOf(mailchimp.collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect((error as ConnectorUnavailableError).retryAfterSeconds).toBe(7);
      expect(error.message).toMatch(/rate limiting the member lookup now \(HTTP 429, Too Many Requests/);
    });

    it('turns 429 without Retry-After into unavailable with no wait given', async () => {
      // Prepare
      fake.failNext(429, 1, { retryAfterSeconds: null });
      const mailchimp = connector();

      // Act
      const error = await failureOf(mailchimp.erase(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect((error as ConnectorUnavailableError).retryAfterSeconds).toBeUndefined();
      expect(fake.members.has(EMAIL)).toBe(true);
    });

    it.each([500, 502, 503])('turns %i into unavailable', async (status) => {
      // Prepare
      fake.failNext(status);
      const mailchimp = connector();

      // Act
      const error = await failureOf(mailchimp.suppress(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toContain(`HTTP ${status}`);
    });

    it('turns a failure of a follow-up call (tags, activity) into the same errors', async () => {
      // Prepare: the member lookup and the tags answer; the activity call gets a 503.
      const failingActivity: typeof fetch = async (input, init) =>
        String(input).endsWith('/activity')
          ? new Response(JSON.stringify({ title: 'Service Unavailable', status: 503 }), { status: 503 })
          : fetch(input, init);
      const mailchimp = connector({ fetch: failingActivity });

      // Act
      const error = await failureOf(mailchimp.collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toBe(
        'Mailchimp could not take the member activity now (HTTP 503, Service Unavailable)',
      );
    });

    it('refuses with a wrong API key: failed, not unavailable', async () => {
      // Prepare
      const mailchimp = connector({ apiKey: 'ffffffffffffffffffffffffffffffff-us6' });

      // Act
      const error = await failureOf(mailchimp.collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(error).not.toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toMatch(
        /refused the member lookup \(HTTP 401, API Key Invalid, instance [0-9a-f-]+\)/,
      );
    });

    it.each([400, 403])('refuses on %i: failed', async (status) => {
      // Prepare
      fake.failNext(status);
      const mailchimp = connector();

      // Act
      const error = await failureOf(mailchimp.erase(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(fake.members.has(EMAIL)).toBe(true);
    });

    it('gives up on a call that takes too long: unavailable', async () => {
      // Prepare
      fake.stallNext(1);
      const mailchimp = connector({ timeoutMs: 200 });

      // Act
      const error = await failureOf(mailchimp.collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toBe('Mailchimp did not answer the member lookup (timed out)');
    });

    it('reports a server nobody answers on as unavailable', async () => {
      // Prepare: a fake started and stopped again leaves a port that refuses connections.
      const gone = await startFakeMailchimp();
      await gone.close();
      const mailchimp = connector({ baseUrl: gone.url });

      // Act
      const error = await failureOf(mailchimp.collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toMatch(/^Mailchimp did not answer the member lookup/);
    });

    it('answers beyond 10 simultaneous connections with 429', async () => {
      // Prepare: ten calls hang on the fake, holding a connection each.
      fake.stallNext(10);
      const start = fake.requests.length;
      const hanging = connector({ timeoutMs: 1500 });
      const held = Array.from({ length: 10 }, () => failureOf(hanging.collect(SUBJECT)));
      while (requestsSince(start).length < 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      // Act
      const error = await failureOf(connector().collect(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toContain('HTTP 429');
      for (const stalled of await Promise.all(held))
        expect(stalled).toBeInstanceOf(ConnectorUnavailableError);
    });

    it('never puts the address, the subscriber hash or the API key in an error', async () => {
      // Prepare: every kind of failure, with an address in mixed case.
      const subject = { email: 'Kari.Nordmann@Example.org' };
      const gone = await startFakeMailchimp();
      await gone.close();
      const attempts: (() => Promise<unknown>)[] = [
        () => {
          fake.failNext(429);
          return connector().collect(subject);
        },
        () => {
          fake.failNext(500);
          return connector().erase(subject);
        },
        () => {
          fake.failNext(400);
          return connector().suppress(subject);
        },
        () => connector({ apiKey: 'ffffffffffffffffffffffffffffffff-us6' }).collect(subject),
        () => connector({ listId: 'nosuchlist' }).collect(subject),
        () => {
          fake.stallNext(1);
          return connector({ timeoutMs: 100 }).collect(subject);
        },
        () => connector({ baseUrl: gone.url }).collect(subject),
      ];

      // Act
      const errors: Error[] = [];
      for (const attempt of attempts) errors.push(await failureOf(attempt()));

      // Assess
      expect(errors).toHaveLength(7);
      for (const error of errors) {
        const text = printed(error).toLowerCase();
        expect(text).not.toContain('kari.nordmann');
        expect(text).not.toContain(HASH);
        expect(text).not.toContain(fake.apiKey.slice(0, 32));
        expect(text).not.toContain('ffffffffffffffffffffffffffffffff');
      }
    });

    it('scrubs the address from a problem title that quotes it', async () => {
      // Prepare: a server that quotes the address where Mailchimp puts only a generic title.
      const quoting: typeof fetch = async () =>
        new Response(
          JSON.stringify({
            type: 'x',
            title: `Member ${EMAIL} exists`,
            status: 400,
            detail: EMAIL,
            instance: HASH,
          }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        );
      const mailchimp = connector({ fetch: quoting });

      // Act
      const error = await failureOf(mailchimp.suppress(SUBJECT));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(printed(error)).not.toContain(EMAIL);
      expect(printed(error)).not.toContain(HASH);
    });

    it('refuses a body of the wrong shape or not JSON: failed', async () => {
      // Prepare
      const html: typeof fetch = async () => new Response('<html>maintenance</html>', { status: 200 });
      const wrongShape: typeof fetch = async () =>
        new Response(JSON.stringify({ email_address: 42 }), { status: 200 });

      // Act
      const errors = await Promise.all([
        failureOf(connector({ fetch: html }).collect(SUBJECT)),
        failureOf(connector({ fetch: wrongShape }).collect(SUBJECT)),
      ]);

      // Assess
      expect(errors[0]).toBeInstanceOf(ConnectorFailedError);
      expect(errors[0]?.message).toMatch(/not JSON/);
      expect(errors[1]).toBeInstanceOf(ConnectorFailedError);
      expect(errors[1]?.message).toMatch(/unexpected body \(at email_address, status\)/);
    });
  });

  describe('construction', () => {
    it('refuses a server prefix that would send the key to another host', () => {
      // Prepare
      const options = { apiKey: 'k', listId: 'l', serverPrefix: 'evil.example/x' };

      // Act
      const build = () => new MailchimpConnector(options);

      // Assess
      expect(build).toThrow(ConnectorFailedError);
    });

    it('sends Basic auth with the key as the password to <dc>.api.mailchimp.com/3.0', async () => {
      // Prepare
      const seen: { url: string; authorization: string | null }[] = [];
      const recording: typeof fetch = async (input, init) => {
        seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return new Response('', { status: 404 });
      };
      const mailchimp = new MailchimpConnector({
        apiKey: 'abc-us21',
        serverPrefix: 'us21',
        listId: 'list1',
        fetch: recording,
      });

      // Act
      await mailchimp.suppress(STRANGER).catch(() => undefined);

      // Assess
      expect(seen[0]?.url).toBe(
        `https://us21.api.mailchimp.com/3.0/lists/list1/members/${subscriberHash(STRANGER.email)}`,
      );
      const [user, password] = Buffer.from(String(seen[0]?.authorization).slice('Basic '.length), 'base64')
        .toString()
        .split(':');
      expect(user).not.toBe('');
      expect(password).toBe('abc-us21');
    });
  });
});

describe('Function: retryAfter', () => {
  it.each([
    ['12', 12],
    [' 0 ', 0],
    ['Wed, 25 Nov 2026 13:00:30 GMT', 30],
    ['Wed, 25 Nov 2026 12:59:00 GMT', 0],
    ['soon', undefined],
  ])('reads %j as %j seconds', (header, seconds) => {
    // Prepare
    const now = Date.parse('2026-11-25T13:00:00Z');

    // Act
    const result = retryAfter(header, now);

    // Assess
    expect(result).toBe(seconds);
  });

  it('is undefined without the header', () => {
    // Prepare
    const header = null;

    // Act
    const result = retryAfter(header);

    // Assess
    expect(result).toBeUndefined();
  });
});
