/**
 * The requester's ID-porten sign-in in words, and the reason the console gives when staff open the national
 * identity number. The reason is checked against the API's own domain code, so the body the console sends
 * is one the route accepts and audits. (national-id-view.test.ts draws the view in Chromium.)
 */
import { TEXTS } from '../../console/src/i18n';
import { type EidSignInView, eidSignInText, revealReason } from '../../console/src/national-id';
import type { AuditEventInput } from '../../lambdas/domain/audit/chain';
import type { RequestRecord } from '../../lambdas/domain/requests/record';
import { revealNationalId } from '../../lambdas/domain/staff/reveal-national-id';
import type { OpenTask } from '../../lambdas/domain/staff/staff-api';

const SIGN_IN: EidSignInView = {
  method: 'eid',
  level: 'high',
  amr: ['BankID'],
  birthDate: 'matches',
  verifiedAt: '2026-03-02T09:05:00.000Z',
};

function task(type: string, taskId: string, more: Record<string, unknown> = {}): OpenTask {
  return {
    taskId,
    requestId: 'req-1',
    controllerId: 'sterk-helse',
    type,
    status: 'open',
    createdAt: '2026-03-02T09:10:00.000Z',
    ...more,
  } as unknown as OpenTask;
}

describe('eidSignInText', () => {
  it.each([
    ['nb', 'high', ['BankID'], 'Bekreftet med ID-porten, høyt nivå (BankID)'],
    ['en', 'high', ['BankID'], 'Verified with ID-porten, level high (BankID)'],
    ['nb', 'substantial', ['MinID'], 'Bekreftet med ID-porten, betydelig nivå (MinID)'],
    ['en', 'substantial', ['MinID'], 'Verified with ID-porten, level substantial (MinID)'],
    ['nb', 'high', [], 'Bekreftet med ID-porten, høyt nivå'],
    ['en', 'high', ['BankID', 'otp'], 'Verified with ID-porten, level high (BankID, otp)'],
  ] as const)('says it in %s at level %s with %j', (lang, level, amr, expected) => {
    // Prepare
    const signIn: EidSignInView = { ...SIGN_IN, level, amr };

    // Act
    const said = eidSignInText(signIn, TEXTS[lang]);

    // Assess
    expect(said).toBe(expected);
  });
});

describe('revealReason', () => {
  it.each([
    ['no open task', [], { reason: 'manual-collection' }],
    [
      'an open identity check',
      [task('manual-collection', 'req-1.m.brp'), task('identity-check', 'req-1.identity')],
      { reason: 'identity-check', taskId: 'req-1.identity' },
    ],
    [
      'one open manual collection',
      [task('manual-collection', 'req-1.m.pasientsky')],
      { reason: 'manual-collection', taskId: 'req-1.m.pasientsky' },
    ],
    [
      'the collection the API marks as keyed on the number, among several',
      [
        task('manual-collection', 'req-1.m.brp'),
        task('manual-collection', 'req-1.m.pasientsky', { nationalIdAvailable: true }),
      ],
      { reason: 'manual-collection', taskId: 'req-1.m.pasientsky' },
    ],
    [
      'several collections, none marked (no guess in the trail)',
      [task('manual-collection', 'req-1.m.brp'), task('manual-collection', 'req-1.m.melin')],
      { reason: 'manual-collection' },
    ],
    ['only a review', [task('review', 'req-1.review')], { reason: 'manual-collection' }],
  ] as const)('with %s', (_, tasks, expected) => {
    // Act
    const reason = revealReason(tasks);

    // Assess
    expect(reason).toEqual(expected);
  });

  it('is a body the route accepts, and what it audits', async () => {
    // Prepare
    const request = {
      kind: 'request',
      id: 'req-1',
      controllerId: 'sterk-helse',
      eidSignIn: { ...SIGN_IN, personPseudonym: 'p' },
    } as unknown as RequestRecord;
    const audited: AuditEventInput[] = [];
    const body = revealReason([task('identity-check', 'req-1.identity')]);

    // Act
    const answer = await revealNationalId(
      'req-1',
      () => body,
      { username: 'personvernombud', controllers: 'all' },
      {
        requests: { get: async () => request } as never,
        vault: { reveal: async () => '14838512470' },
        audit: {
          append: async (_id, input) => {
            audited.push(input);
            return {} as never;
          },
        },
        clock: () => new Date('2026-03-02T10:00:00Z'),
      },
    );

    // Assess
    expect(answer).toEqual({ nationalId: '14838512470' });
    expect(audited).toEqual([
      {
        action: 'national-id-viewed',
        actor: { kind: 'staff', id: 'personvernombud' },
        details: { reason: 'identity-check', taskId: 'req-1.identity' },
      },
    ]);
  });
});
