/**
 * The reviewer's export preview, on dynalite with the real stores (the collected data in memory): it is
 * built from the request's findings, recorded in the request's trail, and refused for another company's
 * request, a request without an export, and a request with nothing collected yet.
 */
import { reviewerExportPreview } from '../../../lambdas/adapters/export/export-preview';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../../lambdas/adapters/store/dynamo-workflow';
import { ConflictError, NotFoundError } from '../../../lambdas/domain/errors';
import type { StaffMember } from '../../../lambdas/domain/staff/access';
import { collected, patientFindings } from '../../domain/export/fixtures';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { requestRecord, storeRequest } from '../staff/fixtures';
import { useTestTables } from '../store/dynalite-table';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const REVIEWER: StaffMember = { username: 'siri', controllers: ['sterk-helse-og-trening'] };
const OTHER_COMPANY: StaffMember = { username: 'per', controllers: ['sterk-hasle'] };

describe('Function: reviewerExportPreview', () => {
  let audit: DynamoAuditTrail;
  let workflow: DynamoWorkflow;
  let preview: ReturnType<typeof reviewerExportPreview>;
  let read: string[];

  useTestTables(async (database, table) => {
    audit = new DynamoAuditTrail(database.documents, table);
    workflow = new DynamoWorkflow(database.documents, table);
    read = [];
    preview = reviewerExportPreview({
      policy: sterkPolicy(),
      requests: new DynamoRequests(database.documents, table),
      findings: workflow.findings,
      retention: workflow.retention,
      audit,
      collected: {
        source: async (requestId, systemId) => {
          read.push(`${requestId}/${systemId}`);
          return collected({ messages: [{ id: 'm-1', message: 'Hei' }] });
        },
      },
      clock: () => NOW,
    });
    const controllerId = 'sterk-helse-og-trening';
    await storeRequest(database, table, requestRecord('r-0001', { controllerId }));
    await storeRequest(database, table, requestRecord('r-erasure', { controllerId, type: 'erasure' }));
    await storeRequest(database, table, requestRecord('r-empty', { controllerId }));
    for (const found of patientFindings()) await workflow.findings.put('r-0001', found);
  });

  it('previews the export from the request’s own findings and records the view', async () => {
    // Act
    const shown = await preview(REVIEWER, 'r-0001');

    // Assess
    expect(shown.files.map((file) => file.path)).toContain('personvern/messages.csv');
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((path) => path.startsWith('r-0001/'))).toBe(true);
    const trail = await audit.list('r-0001');
    expect(trail.map((event) => [event.action, event.actor.id, event.at])).toEqual([
      ['export-previewed', 'siri', NOW.toISOString()],
    ]);
  });

  it('answers another company’s request like one that does not exist, and records nothing', async () => {
    // Act
    const shown = preview(OTHER_COMPANY, 'r-0001');

    // Assess
    await expect(shown).rejects.toThrow(NotFoundError);
    expect(await audit.list('r-0001')).toEqual([]);
  });

  it('refuses a request that is answered without an export', async () => {
    // Act
    const shown = preview(REVIEWER, 'r-erasure');

    // Assess
    await expect(shown).rejects.toThrow(
      new ConflictError('A erasure request is answered without an export.'),
    );
  });

  it('refuses a request with nothing collected yet, and records nothing', async () => {
    // Act
    const shown = preview(REVIEWER, 'r-empty');

    // Assess
    await expect(shown).rejects.toThrow(
      new ConflictError('Nothing has been collected for this request yet.'),
    );
    expect(await audit.list('r-empty')).toEqual([]);
  });
});
