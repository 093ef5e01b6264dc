/**
 * The daily deadline digest, as pure functions of the open requests and the current time.
 *
 * The sweep reads the sparse OpenByDueDate index (partition = controller, sort = `dueAt`) up to one bound,
 * `sweepUpTo(now)`, and never further. That bound is the later of
 *
 * - the end of the seventh Oslo day from today, which covers the overdue, 2-day and 7-day sections
 *   (anything overdue sorts below it, since open requests stay in the index until they finish); and
 * - the latest due date a request received 21 or more days ago can have: the due date of a receipt on
 *   today − 21. Due dates never decrease as receipt dates increase (same date next month, clamped to the
 *   month's end, then rolled forward), so every request that has reached day 21 is due on or before it.
 *   It is about today + 10 days (+ up to 5 more around Easter), so the nudges cost a few more items, not
 *   a scan. Extended requests beyond it are not nudged anyway: they are decided.
 */
import { format, parseDate, plusDays } from '../calendar';
import { computeDeadlines, daysLeft, decisionNudgeDate, endOfDayInstant, type Instant } from '../deadlines';
import { consoleRequestUrl } from '../email/console-links';
import type { DigestRow } from '../email/schema';
import type { RequestType } from '../policy/schema';

/** What the sweep reads of an open request: no requester data is even fetched. */
export interface OpenRequestRow {
  readonly id: string;
  readonly type: RequestType;
  readonly receivedAt: string;
  /** The current due date (the extended one once extended). */
  readonly dueDate: string;
  readonly stage?: string;
  readonly needsAttention?: string;
  readonly extendedAt?: string;
}

export interface DigestSections {
  readonly overdue: DigestRow[];
  readonly dueWithinTwoDays: DigestRow[];
  readonly dueWithinSevenDays: DigestRow[];
  /** Day 21 or later, not extended, original due date not passed: "extend before … if you need more time". */
  readonly decisionNudges: DigestRow[];
}

export const SOON_DAYS = 7;
export const URGENT_DAYS = 2;

/** The Oslo date the digest is for. */
export function digestDate(now: Instant): string {
  return computeDeadlines(now).receivedDate;
}

/** The sweep's upper bound on `dueAt` (an ISO instant); see the module comment. */
export function sweepUpTo(now: Instant): string {
  const today = digestDate(now);
  const weekEnd = endOfDayInstant(shift(today, SOON_DAYS));
  const dayTwentyOneReceipt = endOfDayInstant(shift(today, -21));
  const nudgeEnd = endOfDayInstant(computeDeadlines(dayTwentyOneReceipt).dueDate);
  // ISO instants in UTC compare as strings; both have the same length and format.
  return [weekEnd, nudgeEnd].sort().at(-1) ?? weekEnd;
}

/** Sorts the open requests into the digest's sections; rows the digest need not mention are dropped. */
export function buildDigest(
  rows: readonly OpenRequestRow[],
  now: Instant,
  consoleUrl: string,
): DigestSections {
  const today = digestDate(now);
  const sections: DigestSections = {
    overdue: [],
    dueWithinTwoDays: [],
    dueWithinSevenDays: [],
    decisionNudges: [],
  };
  const sorted = [...rows].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  for (const request of sorted) {
    const days = daysLeft(request.dueDate, now);
    const row = digestRow(request, days, consoleUrl);
    if (days < 0) sections.overdue.push(row);
    else if (days <= URGENT_DAYS) sections.dueWithinTwoDays.push(row);
    else if (days <= SOON_DAYS) sections.dueWithinSevenDays.push(row);
    if (request.extendedAt === undefined && days >= 0 && decisionNudgeDate(request.receivedAt) <= today) {
      sections.decisionNudges.push({ ...row, extendBy: request.dueDate });
    }
  }
  return sections;
}

export function isEmpty(sections: DigestSections): boolean {
  return (
    sections.overdue.length +
      sections.dueWithinTwoDays.length +
      sections.dueWithinSevenDays.length +
      sections.decisionNudges.length ===
    0
  );
}

function digestRow(request: OpenRequestRow, days: number, consoleUrl: string): DigestRow {
  const pendingStep =
    request.needsAttention !== undefined ? `attention: ${request.needsAttention}` : request.stage;
  return {
    requestId: request.id,
    requestType: request.type,
    dueDate: request.dueDate,
    daysLeft: days,
    ...(pendingStep === undefined ? {} : { pendingStep }),
    consoleUrl: consoleRequestUrl(consoleUrl, request.id),
  };
}

function shift(date: string, days: number): string {
  return format(plusDays(parseDate(date), days));
}
