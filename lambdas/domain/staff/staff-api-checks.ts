/**
 * Proof, at compile time, that each answer the staff API's domain code produces fits what the console
 * reads (staff-api.ts). Nothing here runs. If one of these lines fails `npm run typecheck`, an answer
 * changed under the console: change staff-api.ts to match, and the console's typecheck then names every
 * place that reads what changed.
 *
 * Only the direction that matters is checked: an answer may carry more than the console reads (the raw
 * audit trail, the plan), never less or of another type.
 */
import type { ChainVerification } from '../audit/chain';
import type { ExportPreview } from '../export/preview';
import type { progressOf } from '../notices/delivery';
import type { StartNoticeResult } from '../notices/start';
import type { StaffTask } from '../workflow/tasks';
import type { DecideOutcome } from './decide-task';
import type { ExtendOutcome } from './extend-deadline';
import type { HoldView as DomainHoldView, newHold } from './holds';
import type { MessageRow as DomainMessageRow, handleMessage, viewMessage } from './messages';
import type { RequestRow as DomainRequestRow, requestDetail } from './request-views';
import type * as Api from './staff-api';

/** `Answer` when it fits `Read`; a compile error naming both when it does not. */
type Fits<Answer extends Read, Read> = Answer;

export type StaffApiChecks = [
  Fits<DomainRequestRow, Api.RequestRow>,
  Fits<ReturnType<typeof requestDetail>, Api.RequestFile>,
  Fits<{ tasks: StaffTask[] }, Api.TaskList>,
  Fits<{ status: DecideOutcome['status'] }, Api.DecisionAnswer>,
  Fits<ExtendOutcome, Api.ExtensionAnswer>,
  Fits<{ holds: DomainHoldView[] }, Api.HoldList>,
  Fits<Omit<ReturnType<typeof newHold>, 'subjectHash'>, Api.PlacedHold>,
  Fits<{ messages: DomainMessageRow[] }, Api.MessageList>,
  Fits<Awaited<ReturnType<typeof viewMessage>>, Api.MessageFile>,
  Fits<Awaited<ReturnType<typeof handleMessage>>, Api.HandledAnswer>,
  Fits<ChainVerification, Api.ChainCheck>,
  Fits<ExportPreview, Api.ExportPreview>,
  Fits<StartNoticeResult, Api.NoticeStarted>,
  Fits<ReturnType<typeof progressOf>, Omit<Api.NoticeProgress, 'deadLetterQueue' | 'failures'>>,
];
