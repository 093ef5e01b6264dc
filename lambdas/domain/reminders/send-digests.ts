/**
 * The daily run: one digest per controller to its privacy contact, and an escalated copy to the privacy
 * officer when something is overdue. Nothing is sent when a controller has nothing to report.
 *
 * Idempotent per Oslo day: each sent digest is recorded (controller, date, recipient), and a repeated or
 * retried run that day skips what was recorded. A digest is recorded after SES accepted it, so a crash
 * between the two may send that one digest twice; it cannot lose one.
 *
 * Runs may overlap (a scheduler delivery twice, a retry while a slow run still sends; concurrency is not
 * reserved by default), so a run claims each digest before sending it. The claim is a lease: a run that dies
 * holding it leaves the digest to a retry once the lease is over. A digest claimed by a run still going makes
 * this run fail, so that its retry finds the digest sent, or the lease over; never lost, never sent twice.
 */

import { renderEmail } from '../email/render';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import {
  buildDigest,
  type DigestSections,
  digestDate,
  isEmpty,
  type OpenRequestRow,
  sweepUpTo,
} from './digest';

export interface OpenRequestIndex {
  /** One controller's open requests with `dueAt <= upTo`, read from the sparse index (never a scan). */
  openDueBy(controllerId: string, upTo: string): Promise<OpenRequestRow[]>;
}

export type DigestRecipient = 'contact' | 'privacy-officer';

export interface DigestKey {
  readonly controllerId: string;
  readonly date: string;
  readonly recipient: DigestRecipient;
}

/** `claimed`: this run may send it now; `sent`: done before; `busy`: another run holds a live claim. */
export type DigestClaim = 'claimed' | 'sent' | 'busy';

export interface DigestLog {
  /** Claims the digest until `until` unless it was sent, or another run's claim has not yet run out. */
  claim(key: DigestKey, at: string, until: string): Promise<DigestClaim>;
  markSent(key: DigestKey, at: string): Promise<void>;
  /** Gives up this run's claim after a failed send, so a retry need not wait for the lease to run out. */
  release(key: DigestKey): Promise<void>;
}

/** Longer than one run can take (its function times out after a minute), shorter than the retry's wait. */
export const DIGEST_CLAIM_SECONDS = 5 * 60;

/** Another run is sending this digest right now; this run fails so that its retry checks again later. */
export class DigestBusyError extends Error {
  override readonly name = 'DigestBusyError';
}

/**
 * Where a run reports what it found, for the operations alarms: a count, never ids or addresses. The alarm on
 * overdue requests, and the one on a digest that stopped running, both read it.
 */
export interface DigestMetrics {
  /** Open requests past their due date, across all controllers, as this run read them from the index. */
  overdueRequests(count: number): void;
}

export interface SendDigestsDeps {
  readonly policy: PolicyDocument;
  readonly index: OpenRequestIndex;
  readonly log: DigestLog;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly consoleUrl: string;
  readonly privacyOfficerEmail: string;
  /** Optional so that the sweep benchmark, which measures reads only, need not count; the handler always does. */
  readonly metrics?: DigestMetrics;
}

export interface DigestOutcome {
  readonly controllerId: string;
  readonly date: string;
  /** `nothing-to-report`: no digest; otherwise what happened to each recipient's copy. */
  readonly result: 'nothing-to-report' | 'sent' | 'already-sent' | 'failed';
  readonly counts: Record<keyof DigestSections, number>;
  readonly recipients: readonly { readonly recipient: DigestRecipient; readonly sent: boolean }[];
}

/** A run in which some digest could not be sent; the others went out, and a retry sends only the rest. */
export class DigestRunError extends Error {
  override readonly name = 'DigestRunError';
}

export async function sendDigests(now: Date, deps: SendDigestsDeps): Promise<DigestOutcome[]> {
  const date = digestDate(now);
  const upTo = sweepUpTo(now);
  const outcomes: DigestOutcome[] = [];
  const failures: unknown[] = [];
  let overdue = 0;
  for (const controller of deps.policy.controllers) {
    const rows = await deps.index.openDueBy(controller.id, upTo);
    const sections = buildDigest(rows, now, deps.consoleUrl);
    const counts = {
      overdue: sections.overdue.length,
      dueWithinTwoDays: sections.dueWithinTwoDays.length,
      dueWithinSevenDays: sections.dueWithinSevenDays.length,
      decisionNudges: sections.decisionNudges.length,
    };
    overdue += counts.overdue;
    if (isEmpty(sections)) {
      outcomes.push({
        controllerId: controller.id,
        date,
        result: 'nothing-to-report',
        counts,
        recipients: [],
      });
      continue;
    }
    const copies = recipients(controller.privacyContactEmail, deps.privacyOfficerEmail, counts.overdue > 0);
    const sent: { recipient: DigestRecipient; sent: boolean }[] = [];
    let failed = false;
    for (const copy of copies) {
      const key = { controllerId: controller.id, date, recipient: copy.recipient };
      let claimed = false;
      try {
        const claim = await deps.log.claim(
          key,
          now.toISOString(),
          new Date(now.getTime() + DIGEST_CLAIM_SECONDS * 1000).toISOString(),
        );
        if (claim === 'busy') throw new DigestBusyError('another run is sending this digest');
        if (claim === 'sent') {
          sent.push({ recipient: copy.recipient, sent: false });
          continue;
        }
        claimed = true;
        await deps.mailer.send({
          to: copy.address,
          from: deps.mailFrom,
          content: renderEmail({
            kind: 'deadline-digest',
            lang: 'nb',
            controllerName: controller.legalName,
            date,
            ...sections,
            escalation: copy.recipient === 'privacy-officer',
          }),
          tags: { email: 'deadline-digest' },
        });
        await deps.log.markSent(key, now.toISOString());
        sent.push({ recipient: copy.recipient, sent: true });
      } catch (error) {
        // Best effort: if the release fails too, the lease runs out by itself.
        if (claimed) await deps.log.release(key).catch(() => undefined);
        failed = true;
        failures.push(error);
        sent.push({ recipient: copy.recipient, sent: false });
      }
    }
    const result = failed ? 'failed' : sent.some((s) => s.sent) ? 'sent' : 'already-sent';
    outcomes.push({ controllerId: controller.id, date, result, counts, recipients: sent });
  }
  // Reported once every controller was read, and also when an email failed: the count is still right, and a
  // missing count is what the operations alarm reads as "the digest stopped". A failed read reports nothing.
  deps.metrics?.overdueRequests(overdue);
  if (failures.length > 0) {
    throw new DigestRunError(`${failures.length} digest(s) could not be sent; a retry sends only those`, {
      cause: failures[0],
    });
  }
  return outcomes;
}

/**
 * The contact always; the privacy officer too when something is overdue. When both are one address, that
 * address gets the escalated copy only.
 */
function recipients(
  contact: string,
  officer: string,
  escalate: boolean,
): { recipient: DigestRecipient; address: string }[] {
  if (!escalate) return [{ recipient: 'contact', address: contact }];
  if (contact.trim().toLowerCase() === officer.trim().toLowerCase())
    return [{ recipient: 'privacy-officer', address: officer }];
  return [
    { recipient: 'contact', address: contact },
    { recipient: 'privacy-officer', address: officer },
  ];
}
