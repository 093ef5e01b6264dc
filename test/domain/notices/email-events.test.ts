import { suppressionsFromSesEvent } from '../../../lambdas/domain/notices/email-events';
import { recipientKey } from '../../../lambdas/domain/notices/recipients';
import { testPseudonyms } from '../../support/pseudonyms';

const at = '2026-12-01T10:00:00.000Z';

describe('Function: suppressionsFromSesEvent', () => {
  it.each([
    [
      'a permanent bounce',
      {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          timestamp: at,
          bouncedRecipients: [{ emailAddress: 'a@example.no' }, { emailAddress: 'b@example.no' }],
        },
      },
      [
        { to: recipientKey(testPseudonyms, 'a@example.no'), reason: 'bounce', at },
        { to: recipientKey(testPseudonyms, 'b@example.no'), reason: 'bounce', at },
      ],
    ],
    [
      'a complaint (notification form)',
      {
        notificationType: 'Complaint',
        complaint: { timestamp: at, complainedRecipients: [{ emailAddress: 'c@example.no' }] },
      },
      [{ to: recipientKey(testPseudonyms, 'c@example.no'), reason: 'complaint', at }],
    ],
    [
      'a transient bounce',
      {
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'd@example.no' }] },
      },
      [],
    ],
    ['a delivery', { eventType: 'Delivery', delivery: {} }, []],
  ])('reads %s', (_, event, expected) => {
    // Act
    const suppressions = suppressionsFromSesEvent(JSON.stringify(event), testPseudonyms);

    // Assess
    expect(suppressions).toEqual(expected);
  });

  it('reads nothing from a message that is not JSON', () => {
    // Assess
    expect(suppressionsFromSesEvent('not json', testPseudonyms)).toEqual([]);
  });
});
