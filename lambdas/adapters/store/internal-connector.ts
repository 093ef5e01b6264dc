/**
 * The `internal` connector: what Personvern itself holds about a person — contact messages, earlier
 * requests, suppression records, and change notices (the consent with the policy version it was given
 * under, each notice sent, an opt-out) — found through the subject index (the hash of the email address).
 *
 * Erasure removes contact messages, the notice consent and the notices sent (they hold the address).
 * Request records stay: they are the evidence of how each request was handled (GDPR Art. 5(2), the
 * policy's `privacy-requests` retention rule), and the erasure report says so. Opt-outs stay too: they
 * hold only the hash, and they are what keeps the person from being emailed again.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { BY_SUBJECT_INDEX } from '../../config/table-indexes';
import type {
  CollectedData,
  CollectedRecord,
  Connector,
  DataSubject,
  EraseOutcome,
} from '../../domain/connectors/connector';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { subjectHash } from '../../domain/subject';
import { keys } from './keys';
import { type Item, queryAll } from './query-all';

const NOTICE_KINDS = ['notice-consent', 'notice-delivery', 'notice-suppression'];
/** What erasure removes; requests and opt-outs stay (see above). */
const ERASED_KINDS = ['contact-message', 'notice-consent', 'notice-delivery'];

export class InternalConnector implements Connector {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly pseudonyms: Pseudonyms,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async collect(subject: DataSubject): Promise<CollectedData> {
    const items = await this.itemsAbout(subject);
    const messages = items.filter((i) => i.kind === 'contact-message').map(contactRecord);
    const requests = items.filter((i) => i.kind === 'request').map(requestRecord);
    const suppressions = items
      .filter((i) => i.kind === 'suppression' || i.kind === 'restriction')
      .map(suppressionRecord);
    const notices = items.filter((i) => NOTICE_KINDS.includes(String(i.kind))).map(noticeRecord);
    const categories = new Set<string>();
    if (messages.length > 0) for (const c of ['name', 'email', 'message-content']) categories.add(c);
    if (messages.some((m) => m.phone !== null)) categories.add('phone');
    if (requests.length > 0) for (const c of ['name', 'email', 'privacy-requests']) categories.add(c);
    if (notices.some((n) => n.email !== null)) categories.add('email');
    const dates = [...messages, ...requests]
      .map((r) => String(r.receivedAt).slice(0, 10))
      .sort()
      .reverse();
    return {
      categories: [...categories],
      records: {
        ...(messages.length > 0 ? { 'contact-messages': messages } : {}),
        ...(requests.length > 0 ? { requests } : {}),
        ...(suppressions.length > 0 ? { suppressions } : {}),
        ...(notices.length > 0 ? { 'policy-change-notices': notices } : {}),
      },
      ...(dates[0] === undefined ? {} : { lastActivityDate: dates[0] }),
    };
  }

  async erase(subject: DataSubject): Promise<EraseOutcome> {
    const messages = (await this.itemsAbout(subject)).filter((i) => ERASED_KINDS.includes(String(i.kind)));
    if (messages.length === 0) return { erased: false, reason: 'not-found' };
    for (let i = 0; i < messages.length; i += 25) {
      let pending: Item[] | undefined = messages
        .slice(i, i + 25)
        .map((m) => ({ DeleteRequest: { Key: { pk: m.pk, sk: m.sk } } }));
      for (let attempt = 0; pending !== undefined && pending.length > 0 && attempt < 5; attempt++) {
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = UnprocessedItems?.[this.tableName] as Item[] | undefined;
      }
      if (pending !== undefined && pending.length > 0) throw new Error('DynamoDB left deletions unprocessed');
    }
    return { erased: true, recordCount: messages.length };
  }

  async suppress(subject: DataSubject): Promise<{ readonly suppressed: boolean }> {
    const hash = subjectHash(this.pseudonyms, subject.email);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.suppression(hash),
          kind: 'suppression',
          subjectHash: hash,
          scope: 'direct-marketing',
          since: this.clock().toISOString(),
        },
      }),
    );
    return { suppressed: true };
  }

  /** Marks the person's data as restricted (GDPR Art. 18): staff see the flag before any processing. */
  async restrict(subject: DataSubject): Promise<void> {
    const hash = subjectHash(this.pseudonyms, subject.email);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `RESTRICTION#${hash}`,
          sk: 'RESTRICTION',
          kind: 'restriction',
          subjectHash: hash,
          since: this.clock().toISOString(),
        },
      }),
    );
  }

  private itemsAbout(subject: DataSubject): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      IndexName: BY_SUBJECT_INDEX,
      KeyConditionExpression: 'subjectHash = :subject',
      ExpressionAttributeValues: { ':subject': subjectHash(this.pseudonyms, subject.email) },
    });
  }
}

function contactRecord(item: Item): CollectedRecord {
  const sender = (item.sender ?? {}) as { name?: string; email?: string; phone?: string };
  return {
    id: String(item.id),
    receivedAt: String(item.receivedAt),
    company: String(item.controllerId),
    name: sender.name ?? null,
    email: sender.email ?? null,
    phone: sender.phone ?? null,
    message: String(item.message ?? ''),
  };
}

function requestRecord(item: Item): CollectedRecord {
  return {
    id: String(item.id),
    type: String(item.type),
    receivedAt: String(item.receivedAt),
    company: String(item.controllerId),
    status: String(item.status),
    dueDate: String(item.dueDate),
  };
}

function suppressionRecord(item: Item): CollectedRecord {
  return {
    kind: String(item.kind),
    scope: String(item.scope ?? 'all processing'),
    since: String(item.since),
  };
}

/** One change-notice item: the consent (and its withdrawal), a notice sent, or an opt-out. */
function noticeRecord(item: Item): CollectedRecord {
  const text = (key: string) => (item[key] === undefined ? null : String(item[key]));
  return {
    kind: String(item.kind),
    email: text('email'),
    language: text('lang'),
    policyVersion: text('policyVersion') ?? text('version'),
    givenAt: text('givenAt'),
    givenVia: text('givenVia'),
    withdrawnAt: text('withdrawnAt'),
    status: text('status'),
    sentAt: text('sentAt'),
    reason: text('reason'),
    since: text('since'),
  };
}
