/**
 * The legal-holds register on dynalite with the real stores: the privacy officer views, places and lifts
 * holds, each recorded on the holds' trail with ids, categories and dates only; anyone else is refused
 * before anything is read or recorded.
 */
import { holdsRegister } from '../../../lambdas/adapters/staff/holds-register';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { DynamoWorkflow } from '../../../lambdas/adapters/store/dynamo-workflow';
import { ConflictError, ForbiddenError, ValidationError } from '../../../lambdas/domain/errors';
import { HOLDS_AUDIT_TRAIL } from '../../../lambdas/domain/staff/holds';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { testPseudonyms } from '../../support/pseudonyms';
import { useTestTables } from '../store/dynalite-table';
import { HASLE_STAFF, KARI, PRIVACY_OFFICER } from './fixtures';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const HOLD = {
  email: KARI,
  reason: 'Dispute about the membership',
  categories: ['membership-type'],
  expiresOn: '2026-12-31',
};

describe('Function: holdsRegister', () => {
  let audit: DynamoAuditTrail;
  let register: ReturnType<typeof holdsRegister>;

  /** The holds' trail as `action by whom with details`. */
  async function trail(): Promise<string[]> {
    return (await audit.list(HOLDS_AUDIT_TRAIL)).map(
      (event) => `${event.action} by ${event.actor.id} ${JSON.stringify(event.details ?? {})}`,
    );
  }

  useTestTables(async (database, table) => {
    audit = new DynamoAuditTrail(database.documents, table);
    let ids = 0;
    register = holdsRegister({
      policy: sterkPolicy(),
      holds: new DynamoWorkflow(database.documents, table).holds,
      audit,
      pseudonyms: testPseudonyms,
      newId: () => `hold-${++ids}`,
      clock: () => NOW,
    });
  });

  it('places a hold, shows it without the person’s hash, and records both on the holds’ trail', async () => {
    // Act
    const placed = await register.place(PRIVACY_OFFICER, () => HOLD);
    const shown = await register.view(PRIVACY_OFFICER);

    // Assess
    expect(placed).toMatchObject({ id: 'hold-1', placedBy: 'pia', expiresOn: '2026-12-31' });
    expect(placed).not.toHaveProperty('subjectHash');
    expect(shown).toEqual([expect.objectContaining({ id: 'hold-1', state: 'active' })]);
    expect(shown[0]).not.toHaveProperty('subjectHash');
    expect(await trail()).toEqual([
      'hold-placed by pia {"holdId":"hold-1","categories":"membership-type","expiresOn":"2026-12-31"}',
      'holds-viewed by pia {}',
    ]);
    expect(JSON.stringify(await audit.list(HOLDS_AUDIT_TRAIL))).not.toMatch(/kari|Dispute/);
  });

  it('lifts a hold once, and answers a second lift with a conflict', async () => {
    // Prepare
    await register.place(PRIVACY_OFFICER, () => HOLD);

    // Act
    await register.lift(PRIVACY_OFFICER, 'hold-1');
    const again = register.lift(PRIVACY_OFFICER, 'hold-1');

    // Assess
    await expect(again).rejects.toThrow(ConflictError);
    expect((await register.view(PRIVACY_OFFICER))[0]).toMatchObject({ state: 'lifted', liftedBy: 'pia' });
    expect(await trail()).toContain('hold-lifted by pia {"holdId":"hold-1"}');
  });

  it('refuses a company’s staff before reading the body or recording anything', async () => {
    // Prepare
    const body = () => {
      throw new ValidationError('The body was read');
    };

    // Act
    const placing = register.place(HASLE_STAFF, body);
    const viewing = register.view(HASLE_STAFF);
    const lifting = register.lift(HASLE_STAFF, 'hold-1');

    // Assess
    await expect(placing).rejects.toThrow(ForbiddenError);
    await expect(viewing).rejects.toThrow(ForbiddenError);
    await expect(lifting).rejects.toThrow(ForbiddenError);
    expect(await trail()).toEqual([]);
  });
});
