/**
 * A request's stored data end to end on `npm start`, in real time. Staff upload through the presigned URL
 * the staff API hands out; an answer whose collected data went missing is not sent but goes to staff, who
 * collect again; 14 days after the answer the workflow deletes what the request stored, and the requester
 * is told the export is gone instead of getting an error. The 14 days are ended on demand through the local
 * API (`POST /local/stepfunctions/end-wait`), not by a compressed clock, which raced a cold Lambda on a
 * loaded machine.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import { eventually } from '../support/local-process';
import {
  deleteFromExports,
  executionStatus,
  exportsBucketOf,
  type LocalStackFixture,
  useLocalStack,
} from '../support/local-stack-fixture';
import { type StaffTaskView, WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(300_000);

const fixture = useLocalStack();
let counter = 0;
const address = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

async function keysOf(stack: LocalStackFixture, requestId: string): Promise<string[]> {
  const { s3, bucket } = exportsBucketOf(stack);
  const keys: string[] = [];
  for (const prefix of [`requests/${requestId}/`, `uploads/${requestId}/`]) {
    const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    keys.push(...(Contents ?? []).map((o) => o.Key ?? ''));
  }
  s3.destroy();
  return keys.sort();
}

/** Uploads BRP's export as the console does, checking what the staff API signed into the URL. */
async function uploadThroughConsoleUrl(driver: WorkflowDriver, officer: string, requestId: string) {
  const bytes = Buffer.from('Medlem siden 2019, trener på Hasle.\n', 'utf8');
  const issued = await driver.staff(officer, 'POST', `/staff/requests/${requestId}/uploads`, {
    systemId: 'brp-systems',
    fileName: 'brp-profil.txt',
    contentType: 'text/plain',
    size: bytes.length,
  });
  const { url, headers, uploadKey } = (await issued.json()) as {
    url: string;
    headers: Record<string, string>;
    uploadKey: string;
  };
  // A browser sets Content-Length itself.
  const { 'Content-Length': _length, ...sent } = headers;
  const put = await fetch(url, { method: 'PUT', headers: sent, body: bytes });
  return { url, headers, uploadKey, putStatus: put.status };
}

/** A verified portability request (BRP only: one manual collection, no identity check) with BRP's export uploaded. */
async function collectedPortability(driver: WorkflowDriver, officer: string, name: string) {
  const { id, statusUrl } = await driver.submitVerified({
    type: 'portability',
    name,
    email: address(name.split(' ')[0]?.toLowerCase() ?? 'person'),
    lang: 'en',
  });
  const [collection] = await driver.openTasks(officer, id, 'manual-collection');
  const upload = await uploadThroughConsoleUrl(driver, officer, id);
  await driver.decide(officer, collection?.taskId ?? '', {
    decision: 'approve',
    uploadKey: upload.uploadKey,
  });
  return { id, statusUrl, upload };
}

const answers = (emails: { subject: string }[]) =>
  emails.filter((e) => e.subject === 'The answer to your request');

describe('A request’s stored data, end to end', () => {
  it('uploads through a URL that signs only what the browser sends; refuses to answer from data that went missing, and answers once staff collected again', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const { id, upload } = await collectedPortability(driver, officer, 'Mona Mangler');
    const [review] = await driver.openTasks(officer, id, 'review');
    await deleteFromExports(stack, upload.uploadKey);

    // Act
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    const [attention] = await driver.openTasks(officer, id, 'attention');
    const meanwhile = await driver.requestFile(officer, id);
    const emailsMeanwhile = await stack.emails();
    await driver.decide(officer, attention?.taskId ?? '', { decision: 'approve' });
    const [again] = await driver.openTasks(officer, id, 'manual-collection');
    const second = await uploadThroughConsoleUrl(driver, officer, id);
    await driver.decide(officer, again?.taskId ?? '', { decision: 'approve', uploadKey: second.uploadKey });
    const [secondReview] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, secondReview?.taskId ?? '', { decision: 'approve' });
    const status = await driver.finished(officer, id);

    // Assess
    const query = [...new URL(upload.url).searchParams.keys()].map((k) => k.toLowerCase());
    expect(
      query.filter((k) => k.startsWith('x-amz-checksum') || k === 'x-amz-sdk-checksum-algorithm'),
    ).toEqual([]);
    expect(new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')?.split(';').sort()).toEqual(
      ['host', ...Object.keys(upload.headers).map((h) => h.toLowerCase())].sort(),
    );
    expect(upload.putStatus).toBe(200);
    expect((attention as StaffTaskView & { stage?: string }).stage).toBe('collectagain');
    expect(meanwhile.completed).not.toBe(true);
    expect(answers(emailsMeanwhile.filter((e) => e.body.text?.includes(id)))).toEqual([]);
    expect(second.putStatus).toBe(200);
    expect(status).toBe('completed');
    expect(answers(await driver.emailsAbout(id, 2))).toHaveLength(1);
  });

  it('deletes what the request stored 14 days after the answer, and tells the requester the export is gone', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const { id, statusUrl } = await collectedPortability(driver, officer, 'Per Purge');
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    await driver.finished(officer, id);
    const stored = await keysOf(stack, id);
    const downloadUrl = statusUrl.replace('/status?', '/download?');
    const post = (body: unknown) =>
      fetch(downloadUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });

    // Act: the fourteen days are up.
    const ended = await eventually(async () => {
      const response = await fetch(`${stack.apiUrl}/local/stepfunctions/end-wait`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ execution: id, state: 'KeepStoredData' }),
      });
      return response.status === 200 ? response.status : undefined;
    });
    const left = await eventually(async () => {
      const keys = await keysOf(stack, id);
      return keys.length === 0 ? keys : undefined;
    });
    const asked = await post({});
    const codeEmail = await eventually(async () =>
      (await stack.emails()).find(
        (e) => e.body.text?.includes(id) && e.subject === 'Your code to download your information',
      ),
    );
    const code = /^\s+(\d{6})$/m.exec(codeEmail.body.text ?? '')?.[1] ?? '';
    const redeemed = await post({ code });
    const execution = await eventually(async () => {
      const s = await executionStatus(stack, id);
      return s === 'RUNNING' ? undefined : s;
    });
    const file = await driver.requestFile(officer, id);
    const requestItems = await stack.scanItems((item) => item.pk === `REQUEST#${id}`);

    // Assess
    expect(stored).toEqual(
      expect.arrayContaining([
        `requests/${id}/export.zip`,
        expect.stringMatching(`^uploads/${id}/brp-systems/`),
      ]),
    );
    expect(ended).toBe(200);
    expect(left).toEqual([]);
    expect(asked.status).toBe(202);
    expect(redeemed.status).toBe(410);
    expect(((await redeemed.json()) as { error: { code: string } }).error.code).toBe('export_gone');
    expect(execution).toBe('SUCCEEDED');
    const timeline = file.timeline as { action: string; details?: Record<string, unknown> }[];
    const purged = timeline.find((e) => e.action === 'stored-data-deleted')?.details;
    expect(purged).toEqual({ deleted: stored.length, recordsKeptUntil: expect.any(String) });
    // The request's own records stay three years (the policy's privacy-requests rule), then TTL deletes them.
    const keptUntil = Date.parse(String(purged?.recordsKeptUntil));
    const threeYears = 3 * 365 * 24 * 3600 * 1000;
    expect(keptUntil - Date.now()).toBeGreaterThan(threeYears - 30 * 24 * 3600 * 1000);
    expect(keptUntil - Date.now()).toBeLessThan(threeYears + 30 * 24 * 3600 * 1000);
    // Every item of the request expires then, the staff's view of it after the purge (the file above) too.
    expect(requestItems.length).toBeGreaterThan(5);
    expect(requestItems.filter((item) => item.expiresAt !== Math.ceil(keptUntil / 1000))).toEqual([]);
  });
});
