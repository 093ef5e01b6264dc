/**
 * The legal-holds register (`/staff/holds`), privacy officer only: viewing it, placing a hold and lifting
 * one, each recorded on the holds' own audit trail. Viewing is audited too, because a reason may name a
 * dispute. Kept out of the handler so who may do what, and what each action leaves in the trail, can be
 * read and tested without HTTP.
 */

import type { AuditTrail } from '../../domain/audit/trail';
import { ConflictError, ForbiddenError } from '../../domain/errors';
import { osloDate } from '../../domain/oslo-date';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { Pseudonyms } from '../../domain/pseudonyms';
import type { StaffMember } from '../../domain/staff/access';
import { isPrivacyOfficer } from '../../domain/staff/access';
import { HOLDS_AUDIT_TRAIL, type HoldView, holdViews, newHold } from '../../domain/staff/holds';
import type { LegalHold } from '../../domain/workflow/findings';
import type { HoldStore } from '../../domain/workflow/ports';

export interface HoldsRegisterDeps {
  readonly policy: PolicyDocument;
  readonly holds: Pick<HoldStore, 'list' | 'place' | 'lift'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly pseudonyms: Pseudonyms;
  readonly newId: () => string;
  readonly clock?: () => Date;
}

/** A hold may concern any company's dispute: only the privacy officer, who sees them all, acts on one. */
function privacyOfficerOnly(staff: StaffMember): void {
  if (!isPrivacyOfficer(staff))
    throw new ForbiddenError('Only the privacy officer sees, places or lifts legal holds.');
}

export function holdsRegister(deps: HoldsRegisterDeps) {
  const clock = deps.clock ?? (() => new Date());
  const actorOf = (staff: StaffMember) => ({ kind: 'staff', id: staff.username }) as const;
  return {
    /** Every hold with its state today, recorded as viewed before it is returned. */
    async view(staff: StaffMember): Promise<HoldView[]> {
      privacyOfficerOnly(staff);
      const now = clock();
      await deps.audit.append(
        HOLDS_AUDIT_TRAIL,
        { action: 'holds-viewed', actor: actorOf(staff) },
        now.toISOString(),
      );
      return holdViews(await deps.holds.list(), osloDate(now));
    },

    /** 409 for a hold that does not exist or was already lifted. */
    async lift(staff: StaffMember, holdId: string): Promise<void> {
      privacyOfficerOnly(staff);
      const now = clock();
      if (!(await deps.holds.lift(holdId, now.toISOString(), staff.username))) {
        throw new ConflictError('No such hold, or it was already lifted.');
      }
      await deps.audit.append(
        HOLDS_AUDIT_TRAIL,
        { action: 'hold-lifted', actor: actorOf(staff), details: { holdId } },
        now.toISOString(),
      );
    },

    /**
     * The placed hold without the hash of the person it is about. `body` is read only after the caller is
     * known to be the privacy officer, so anyone else gets the 403 whatever they sent.
     */
    async place(staff: StaffMember, body: () => unknown): Promise<Omit<LegalHold, 'subjectHash'>> {
      privacyOfficerOnly(staff);
      const now = clock();
      const hold = newHold(deps.policy, body(), {
        username: staff.username,
        now,
        today: osloDate(now),
        newId: deps.newId,
        pseudonyms: deps.pseudonyms,
      });
      await deps.holds.place(hold);
      await deps.audit.append(
        HOLDS_AUDIT_TRAIL,
        {
          action: 'hold-placed',
          actor: actorOf(staff),
          details: { holdId: hold.id, categories: hold.categories.join(','), expiresOn: hold.expiresOn },
        },
        now.toISOString(),
      );
      const { subjectHash: _subject, ...shown } = hold;
      return shown;
    },
  };
}
