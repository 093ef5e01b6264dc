import type { CollectedRecord } from '../../../lambdas/domain/connectors/connector';
import { previewExport } from '../../../lambdas/domain/export/preview';
import { sterkPolicy } from '../policy/sterk-fixture';
import { accessRequest, collected, GENERATED_AT, patientFindings } from './fixtures';

const members = (count: number): CollectedRecord[] =>
  Array.from({ length: count }, (_, i) => ({ email: `member-${i}@example.no`, status: 'subscribed' }));

function readCollected(reads: string[], memberCount = 2) {
  return async (systemId: string) => {
    reads.push(systemId);
    return systemId === 'mailchimp'
      ? collected({ member: members(memberCount), 'activity log': [{ action: 'open', at: '2026-11-01' }] })
      : collected({ messages: [{ id: 'm-1', message: 'Hei' }] });
  };
}

describe('Function: previewExport', () => {
  it('lists the same files as the export, with the first records of each CSV', async () => {
    // Prepare
    const reads: string[] = [];

    // Act
    const preview = await previewExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('en'),
        findings: patientFindings(),
        generatedAt: GENERATED_AT,
      },
      { readCollected: readCollected(reads) },
    );

    // Assess
    expect(preview.files.map((file) => file.path)).toEqual([
      'index.html',
      'data.json',
      'mailchimp/member.csv',
      'mailchimp/activity-log.csv',
      'personvern/messages.csv',
      'uploads/pasientsky/journal.pdf',
    ]);
    expect(preview.files[2]).toMatchObject({
      kind: 'csv',
      systemName: 'Mailchimp',
      preview: {
        columns: ['email', 'status'],
        rows: members(2),
        truncated: false,
      },
    });
    expect(preview.files[5]).not.toHaveProperty('preview');
    expect(preview.lang).toBe('en');
    expect(preview.purposes.map((p) => p.systemName)).toContain('Mailchimp');
    expect(preview.categories.length).toBeGreaterThan(0);
    expect(reads.sort()).toEqual(['mailchimp', 'personvern']);
  });

  it('shows at most the given number of rows and says when there are more', async () => {
    // Act
    const preview = await previewExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('nb'),
        findings: patientFindings(),
        generatedAt: GENERATED_AT,
      },
      { readCollected: readCollected([], 12) },
      5,
    );

    // Assess
    const member = preview.files.find((file) => file.path === 'mailchimp/member.csv');
    expect(member?.preview?.rows).toEqual(members(5));
    expect(member?.preview?.truncated).toBe(true);
  });

  it('refuses a request type that has no export', async () => {
    // Act
    const attempt = previewExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('nb', { type: 'erasure' }),
        findings: patientFindings(),
        generatedAt: GENERATED_AT,
      },
      { readCollected: readCollected([]) },
    );

    // Assess
    await expect(attempt).rejects.toThrow(RangeError);
  });
});
