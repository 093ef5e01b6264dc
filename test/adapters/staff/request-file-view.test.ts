/**
 * A staff member opening a request file, on dynalite with the real stores: another company's request is
 * not there, the view is in the trail before the file is returned and in the timeline it returns, and the
 * legal holds about the requester are shown to the privacy officer only.
 */
import { requestFileView } from '../../../lambdas/adapters/staff/request-file-view';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { DynamoStaffQueries } from '../../../lambdas/adapters/store/dynamo-staff-queries';
import { DynamoWorkflow } from '../../../lambdas/adapters/store/dynamo-workflow';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { NO_SUCH_REQUEST } from '../../../lambdas/domain/staff/access';
import { subjectHash } from '../../../lambdas/domain/subject';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { testPseudonyms } from '../../support/pseudonyms';
import { useTestTables } from '../store/dynalite-table';
import {
  HASLE_STAFF,
  KARI,
  OTHER_COMPANY_STAFF,
  PRIVACY_OFFICER,
  requestRecord,
  storeRequest,
} from './fixtures';

const NOW = new Date('2026-03-03T10:00:00.000Z');

describe('Function: requestFileView', () => {
  let audit: DynamoAuditTrail;
  let workflow: DynamoWorkflow;
  let view: ReturnType<typeof requestFileView>;

  useTestTables(async (database, table) => {
    audit = new DynamoAuditTrail(database.documents, table);
    workflow = new DynamoWorkflow(database.documents, table);
    view = requestFileView({
      policy: sterkPolicy(),
      queries: new DynamoStaffQueries(database.documents, table),
      audit,
      holds: workflow.holds,
      pseudonyms: testPseudonyms,
      clock: () => NOW,
    });
    await storeRequest(database, table, requestRecord('r-1'));
    await workflow.holds.place({
      id: 'hold-1',
      subjectHash: subjectHash(testPseudonyms, KARI),
      categories: ['membership-type'],
      reason: 'Dispute about the membership',
      expiresOn: '2026-12-31',
      placedBy: 'pia',
      placedAt: '2026-03-01T09:00:00.000Z',
    });
  });

  it('records the view in the trail and returns it in the timeline', async () => {
    // Act
    const file = await view(HASLE_STAFF, 'r-1');

    // Assess
    const trail = await audit.list('r-1');
    expect(trail.map((event) => [event.action, event.actor.id, event.at])).toEqual([
      ['request-viewed', 'siri', NOW.toISOString()],
    ]);
    expect(file.timeline).toEqual(trail);
    expect(file.requester.email).toBe(KARI);
  });

  it('answers another company’s request like one that does not exist, and records nothing', async () => {
    // Act
    const other = view(OTHER_COMPANY_STAFF, 'r-1');
    const missing = view(OTHER_COMPANY_STAFF, 'r-2');

    // Assess
    await expect(other).rejects.toThrow(new NotFoundError(NO_SUCH_REQUEST));
    await expect(missing).rejects.toThrow(new NotFoundError(NO_SUCH_REQUEST));
    expect(await audit.list('r-1')).toEqual([]);
  });

  it('shows the privacy officer the holds about the requester, without the hash', async () => {
    // Act
    const file = await view(PRIVACY_OFFICER, 'r-1');

    // Assess
    expect(file.holds).toEqual([expect.objectContaining({ id: 'hold-1', state: 'active' })]);
    expect(file.holds[0]).not.toHaveProperty('subjectHash');
  });

  it('shows a company’s staff no holds', async () => {
    // Act
    const file = await view(HASLE_STAFF, 'r-1');

    // Assess
    expect(file.holds).toEqual([]);
  });
});
