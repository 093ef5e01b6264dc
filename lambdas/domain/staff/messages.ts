/**
 * The staff's contact-message inbox: a company's staff list its messages (no sender names or message text
 * in the list), open one (an audited view, with the sender's details) and mark it handled once, with a
 * note. The audit events go on a trail of their own per message (`message-<id>`), with ids only.
 */
import type { AuditTrail } from '../audit/trail';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { ContactMessageRecord } from '../intake/contact';
import { canSee, type StaffMember, visibleAmong } from './access';

export const MAX_NOTE_LENGTH = 2000;

/** What handling adds to the message item. */
export interface Handling {
  readonly handledAt: string;
  readonly handledBy: string;
  readonly handledNote: string;
}

/** A contact message as staff see it: `status` becomes `handled` once someone has dealt with it. */
export type StaffMessage = Omit<ContactMessageRecord, 'status'> & {
  readonly status: 'new' | 'handled';
} & Partial<Handling>;

/** A row of the list: ids, company, dates and status only. */
export interface MessageRow {
  readonly id: string;
  readonly controllerId: string;
  readonly receivedAt: string;
  readonly status: 'new' | 'handled';
  readonly handled: boolean;
  readonly handledAt?: string;
}

export interface StaffMessageStore {
  /** The messages of these companies, newest first. */
  list(controllerIds: readonly string[]): Promise<StaffMessage[]>;
  get(id: string): Promise<StaffMessage | undefined>;
  /** Marks the message handled unless it already is; false when it was. */
  markHandled(id: string, handling: Handling): Promise<boolean>;
}

export interface MessageDeps {
  readonly messages: StaffMessageStore;
  readonly audit: AuditTrail;
  readonly clock: () => Date;
}

/** The audit trail of one message (the trail's id; on its own partition, apart from any request). */
export const messageAuditTrail = (id: string): string => `message-${id}`;

export function messageRow(message: StaffMessage): MessageRow {
  return {
    id: message.id,
    controllerId: message.controllerId,
    receivedAt: message.receivedAt,
    status: message.status,
    handled: message.status === 'handled',
    ...(message.handledAt === undefined ? {} : { handledAt: message.handledAt }),
  };
}

export async function listMessages(
  staff: StaffMember,
  controllerIds: readonly string[],
  deps: Pick<MessageDeps, 'messages'>,
): Promise<MessageRow[]> {
  const visible = visibleAmong(staff.controllers, controllerIds);
  const messages = visible.length === 0 ? [] : await deps.messages.list(visible);
  return messages
    .filter((m) => canSee(staff.controllers, m.controllerId))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .map(messageRow);
}

async function readable(id: string, staff: StaffMember, deps: MessageDeps): Promise<StaffMessage> {
  const message = await deps.messages.get(id);
  if (message === undefined) throw new NotFoundError('No such message');
  if (!canSee(staff.controllers, message.controllerId)) {
    throw new ForbiddenError("This message was sent to a company whose messages you don't handle.");
  }
  return message;
}

/** Opens a message: records the view on its audit trail before returning the sender's details. */
export async function viewMessage(id: string, staff: StaffMember, deps: MessageDeps) {
  const message = await readable(id, staff, deps);
  const viewed = await deps.audit.append(
    messageAuditTrail(message.id),
    {
      action: 'message-viewed',
      actor: { kind: 'staff', id: staff.username },
      details: { messageId: message.id },
    },
    deps.clock().toISOString(),
  );
  return { ...message, handled: message.status === 'handled', viewedAt: viewed.at };
}

/** Reads `{ "note": "…" }`: required, 1–2000 characters after trimming. */
export function readHandledBody(body: unknown): { note: string } {
  const note = (body as Record<string, unknown> | null)?.note;
  if (typeof note !== 'string' || note.trim() === '') {
    throw new ValidationError('Marking a message handled needs a note', {
      note: 'Say what was done about the message.',
    });
  }
  if (note.trim().length > MAX_NOTE_LENGTH) {
    throw new ValidationError('The note is too long', { note: `At most ${MAX_NOTE_LENGTH} characters.` });
  }
  return { note: note.trim() };
}

/** Marks a message handled, once; a second time is a 409 that says who handled it and when. */
export async function handleMessage(id: string, body: unknown, staff: StaffMember, deps: MessageDeps) {
  const message = await readable(id, staff, deps);
  const { note } = readHandledBody(body);
  if (message.status === 'handled') throw alreadyHandled(message);
  const handling: Handling = {
    handledAt: deps.clock().toISOString(),
    handledBy: staff.username,
    handledNote: note,
  };
  if (!(await deps.messages.markHandled(message.id, handling))) {
    throw alreadyHandled((await deps.messages.get(message.id)) ?? message);
  }
  await deps.audit.append(
    messageAuditTrail(message.id),
    {
      action: 'message-handled',
      actor: { kind: 'staff', id: staff.username },
      details: { messageId: message.id },
    },
    handling.handledAt,
  );
  return { id: message.id, status: 'handled' as const, handled: true, ...handling };
}

function alreadyHandled(message: StaffMessage): ConflictError {
  const by = message.handledBy === undefined ? '' : ` by ${message.handledBy}`;
  const at = message.handledAt === undefined ? '' : ` at ${message.handledAt}`;
  return new ConflictError(`This message was already handled${by}${at}.`);
}
