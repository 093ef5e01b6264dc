import type { CollectedRecord } from '../../../lambdas/domain/connectors/connector';
import type { ExportRequest } from '../../../lambdas/domain/export/art15';
import type { CollectedSource } from '../../../lambdas/domain/export/files';
import type { Language } from '../../../lambdas/domain/policy/language';
import type { Finding } from '../../../lambdas/domain/workflow/findings';

export const GENERATED_AT = '2026-11-25T12:00:00Z';

export function accessRequest(lang: Language = 'nb', overrides: Partial<ExportRequest> = {}): ExportRequest {
  return {
    id: 'r-0001',
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang,
    receivedDate: '2026-11-20',
    ...overrides,
  };
}

export function finding(
  systemId: string,
  source: Finding['source'],
  categories: string[] = [],
  extra: Partial<Finding> = {},
): Finding {
  return {
    systemId,
    source,
    categories,
    recordCount: source === 'connector' || source === 'staff-upload' ? Math.max(categories.length, 1) : 0,
    collectedAt: '2026-11-24T10:00:00Z',
    ...extra,
  };
}

/**
 * A patient and newsletter subscriber of the main company: a journal printout in PasientSky, records in
 * Mailchimp and Personvern, nothing in BRP or Melin. The three website systems are not linkable.
 */
export function patientFindings(): Finding[] {
  return [
    finding('pasientsky', 'staff-upload', ['health-record', 'national-id', 'name'], {
      objectKey: 'uploads/r-0001/pasientsky/journal.pdf',
      lastActivityDate: '2026-10-01',
    }),
    finding('brp-systems', 'no-data'),
    finding('melin-convene-medical', 'no-data'),
    finding('mailchimp', 'connector', ['email', 'name', 'newsletter-subscription'], { recordCount: 2 }),
    finding('personvern', 'connector', ['email', 'message-content', 'privacy-requests'], { recordCount: 3 }),
  ];
}

/** A gym member only: BRP has a profile, everything else is empty. */
export function memberFindings(): Finding[] {
  return [
    finding('pasientsky', 'no-data'),
    finding('brp-systems', 'staff-upload', ['name', 'email', 'membership-type', 'purchase-history'], {
      objectKey: 'uploads/r-0001/brp-systems/profile.pdf',
    }),
    finding('melin-convene-medical', 'no-data'),
    finding('mailchimp', 'connector', [], { recordCount: 0 }),
    finding('personvern', 'connector', ['privacy-requests'], { recordCount: 1 }),
  ];
}

export function recordsOf(records: readonly CollectedRecord[]): () => AsyncIterable<CollectedRecord> {
  return async function* () {
    yield* records;
  };
}

export function collected(kinds: Record<string, readonly CollectedRecord[]>): CollectedSource {
  return {
    kinds: Object.entries(kinds).map(([kind, records]) => ({ kind, records: recordsOf(records) })),
  };
}

export async function text(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of chunks)
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return out;
}
