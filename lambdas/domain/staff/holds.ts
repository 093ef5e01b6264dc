/**
 * Explicit legal holds (`POST /staff/holds`): data about one person, in some categories, that must not be
 * erased until a date, e.g. during a dispute. Only the privacy officer places or lifts them. The hold
 * stores the person as a hash of their email, like every other subject link.
 */
import { ValidationError } from '../errors';
import type { PolicyDocument } from '../policy/schema';
import type { Pseudonyms } from '../pseudonyms';
import { subjectHash } from '../subject';
import type { LegalHold } from '../workflow/findings';
import * as z from '../zod';

export function holdSchema(policy: PolicyDocument, today: string) {
  const categories = policy.categories.map((c) => c.id);
  return z.strictObject({
    email: z.pipe(
      z.email({ error: 'Give the email address of the person the hold is about' }),
      z.transform((e) => e.toLowerCase()),
    ),
    reason: z
      .string({ error: 'Say why the data must be kept' })
      .check(z.trim())
      .check(z.minLength(1, 'Say why the data must be kept'))
      .check(z.maxLength(2000, 'Keep the reason to at most 2,000 characters')),
    categories: z
      .array(
        z.enum(categories as [string, ...string[]], {
          error: `Use category ids from the policy: ${categories.join(', ')}`,
        }),
      )
      .check(z.minLength(1, 'Name at least one category')),
    expiresOn: z.iso
      .date({ error: 'Give the last day of the hold as YYYY-MM-DD' })
      .check(z.refine((date) => date >= today, { error: 'The hold must last at least until today' })),
  });
}

export function newHold(
  policy: PolicyDocument,
  body: unknown,
  by: { username: string; now: Date; today: string; newId: () => string; pseudonyms: Pseudonyms },
): LegalHold {
  const result = holdSchema(policy, by.today).safeParse(body);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues)
      fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
    throw new ValidationError('The hold needs another look', fields);
  }
  return {
    id: by.newId(),
    subjectHash: subjectHash(by.pseudonyms, result.data.email),
    categories: result.data.categories,
    reason: result.data.reason,
    expiresOn: result.data.expiresOn,
    placedBy: by.username,
    placedAt: by.now.toISOString(),
  };
}

/** The audit trail all hold actions are chained on: holds are about people, not one request. */
export const HOLDS_AUDIT_TRAIL = 'legal-holds';

export type HoldState = 'active' | 'lifted' | 'expired';

/** A hold as the register shows it: everything but the hash of the person it is about. */
export type HoldView = Omit<LegalHold, 'subjectHash'> & { readonly state: HoldState };

/** Lifted wins over expired: the register should say a person acted, when one did. */
export function holdState(hold: LegalHold, today: string): HoldState {
  if (hold.liftedAt !== undefined) return 'lifted';
  return hold.expiresOn < today ? 'expired' : 'active';
}

/** The holds register, in the order given, with each hold's state on `today` (Oslo date). */
export function holdViews(holds: readonly LegalHold[], today: string): HoldView[] {
  return holds.map((hold) => {
    const { subjectHash: _subject, ...shown } = hold;
    return { ...shown, state: holdState(hold, today) };
  });
}
