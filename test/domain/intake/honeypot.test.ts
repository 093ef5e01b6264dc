/**
 * The honeypot check the intakes share: a bot's submission is one with anything in the hidden field, and
 * an empty field (what a plain form posts for it) is a person's.
 */
import { honeypotFilled } from '../../../lambdas/domain/intake/honeypot';

describe('Function: honeypotFilled', () => {
  it('takes a submission with the hidden field filled for a bot', () => {
    // Act
    const filled = honeypotFilled({ website: 'https://spam.example' });

    // Assess
    expect(filled).toBe(true);
  });

  it('takes a submission without the hidden field for a person', () => {
    // Act
    const filled = honeypotFilled({});

    // Assess
    expect(filled).toBe(false);
  });

  it('takes the empty field a plain form posts for a person', () => {
    // Act
    const filled = honeypotFilled({ website: '' });

    // Assess
    expect(filled).toBe(false);
  });

  it('takes whitespace alone for a bot, as before', () => {
    // Act
    const filled = honeypotFilled({ website: ' ' });

    // Assess
    expect(filled).toBe(true);
  });
});
