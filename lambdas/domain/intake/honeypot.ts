/**
 * Whether a bot sent the submission: anything in the hidden `website` field (HoneypotSchema in fields.ts),
 * which people never see. One definition, because the contact intake, the request intake and the request's
 * idempotency record all keep nothing for a bot, and must agree on which submissions those are.
 */
export function honeypotFilled(submission: { readonly website?: string | undefined }): boolean {
  return submission.website !== undefined && submission.website !== '';
}
