/**
 * Drives the request workflow on `npm start` the way people do: a requester submits and types the code
 * from the email, staff sign in and decide tasks over the staff API. Everything goes over HTTP.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { send } from './http-submissions';
import { eventually } from './local-process';
import { exportsBucketOf, type LocalStackFixture, type StoredEmail } from './local-stack-fixture';

export const LOCAL_PASSWORD = 'Personvern-lokal-2026';

let requesters = 0;
/** A loopback address of its own for each requester the drivers play (any 127.x.y.z works on Linux). */
function nextRequesterAddress(): string {
  requesters += 1;
  return `127.50.${Math.floor(requesters / 250) % 250}.${(requesters % 250) + 1}`;
}

export interface StaffTaskView {
  taskId: string;
  requestId: string;
  type: string;
  systemId?: string;
  status: string;
}

export class WorkflowDriver {
  /** Every secret the drivers of a suite saw (codes, status tokens), for scanning logs afterwards. */
  static readonly secretsSeen = new Set<string>();

  constructor(private readonly stack: LocalStackFixture) {}

  get mailchimpUrl(): string {
    return /Mailchimp\s+(http:\/\/127\.0\.0\.1:\d+)\/3\.0/.exec(this.stack.output())?.[1] ?? '';
  }

  async seedMailchimpMember(email: string, merge_fields: Record<string, string>): Promise<void> {
    const response = await fetch(`${this.mailchimpUrl}/__fake/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: email, merge_fields }),
    });
    if (response.status !== 201) throw new Error(`Seeding the fake Mailchimp answered ${response.status}`);
  }

  async mailchimpMember(email: string): Promise<Record<string, unknown> | undefined> {
    const response = await fetch(`${this.mailchimpUrl}/__fake/members/${encodeURIComponent(email)}`);
    return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
  }

  async failMailchimp(status: number, count: number): Promise<void> {
    await fetch(`${this.mailchimpUrl}/__fake/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status, count }),
    });
  }

  async sendContact(body: Record<string, unknown>): Promise<string> {
    const response = await this.post('/contact', body);
    return ((await response.json()) as { id: string }).id;
  }

  /** Files a request and verifies it with the code from the receipt; returns its id and status link. */
  async submitVerified(body: Record<string, unknown>): Promise<{ id: string; statusUrl: string }> {
    const response = await this.post('/requests', body);
    if (response.status !== 202) throw new Error(`POST /requests answered ${response.status}`);
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };
    const [receipt] = await this.emailsAbout(id, 1);
    const code = /^\s+(\d{6})$/m.exec(receipt?.body.text ?? '')?.[1] ?? '';
    WorkflowDriver.secretsSeen.add(code);
    WorkflowDriver.secretsSeen.add(new URL(statusUrl).searchParams.get('token') ?? '');
    for (const [, token] of (receipt?.body.text ?? '').matchAll(/token=([A-Za-z0-9_-]{43})/g)) {
      WorkflowDriver.secretsSeen.add(token ?? '');
    }
    // Each requester from a client address of their own, as on the internet: code attempts are limited
    // per client address, and a suite files more requests than one person would.
    const verified = await send(this.stack.apiUrl, `/requests/${id}/verify`, {
      method: 'POST',
      contentType: 'application/json',
      accept: 'application/json',
      body: JSON.stringify({ code }),
      from: nextRequesterAddress(),
    });
    if (verified.status !== 200) throw new Error(`Verification answered ${verified.status}`);
    return { id, statusUrl };
  }

  async token(username: string, password = LOCAL_PASSWORD): Promise<string> {
    const response = await this.post('/local/auth/token', { username, password });
    return ((await response.json()) as { idToken: string }).idToken;
  }

  async staff(token: string, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.stack.apiUrl}${path}`, {
      method,
      headers: { authorization: token, 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Waits until the request has open tasks of this type (and returns them). */
  async openTasks(token: string, requestId: string, type: string, count = 1): Promise<StaffTaskView[]> {
    return eventually(async () => {
      const response = await this.staff(token, 'GET', '/staff/tasks');
      const { tasks } = (await response.json()) as { tasks: StaffTaskView[] };
      const mine = tasks.filter((t) => t.requestId === requestId && t.type === type);
      return mine.length >= count ? mine : undefined;
    }, 60_000);
  }

  async decide(token: string, taskId: string, decision: Record<string, unknown>): Promise<Response> {
    return this.staff(token, 'POST', `/staff/tasks/${taskId}`, decision);
  }

  /** Uploads a manual system's export the way the console does: presigned PUT, then its key. */
  async uploadExport(token: string, requestId: string, systemId: string, text: string): Promise<string> {
    const bytes = Buffer.from(text, 'utf8');
    const response = await this.staff(token, 'POST', `/staff/requests/${requestId}/uploads`, {
      systemId,
      fileName: `${systemId}-export.txt`,
      contentType: 'text/plain',
      size: bytes.length,
    });
    const { url, headers, uploadKey } = (await response.json()) as {
      url: string;
      headers: Record<string, string>;
      uploadKey: string;
    };
    const { 'Content-Length': _length, ...sent } = headers;
    const put = await fetch(url, { method: 'PUT', headers: sent, body: bytes });
    if (put.status !== 200) throw new Error(`The presigned PUT answered ${put.status}`);
    return uploadKey;
  }

  async requestFile(token: string, requestId: string): Promise<Record<string, unknown>> {
    const response = await this.staff(token, 'GET', `/staff/requests/${requestId}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** Waits until the request's workflow has ended it, and returns its status. */
  async finished(token: string, requestId: string): Promise<string> {
    return eventually(async () => {
      const file = await this.requestFile(token, requestId);
      return file.completed === true ? String(file.status) : undefined;
    }, 60_000);
  }

  async emailsAbout(requestId: string, count: number): Promise<StoredEmail[]> {
    return eventually(async () => {
      const mine = (await this.stack.emails()).filter((e) => e.body.text?.includes(requestId));
      return mine.length >= count ? mine : undefined;
    }, 60_000);
  }

  async readExport(requestId: string): Promise<Buffer> {
    const { s3, bucket } = exportsBucketOf(this.stack);
    const { Body } = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: `requests/${requestId}/export.zip` }),
    );
    const bytes = Buffer.from(
      await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    s3.destroy();
    return bytes;
  }

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  }
}
