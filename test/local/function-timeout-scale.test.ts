import { functionTimeoutScale } from '../../local/runtime/lambda-runtime';

describe('Function: functionTimeoutScale', () => {
  const original = process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE;
  afterEach(() => {
    if (original === undefined) delete process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE;
    else process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE = original;
  });

  it.each([
    [undefined, 1],
    ['', 1],
    ['1', 1],
    ['3', 3],
    ['2.5', 2.5],
  ])('reads %j as ×%d', (raw, expected) => {
    // Prepare
    if (raw === undefined) delete process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE;
    else process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE = raw;

    // Act
    const scale = functionTimeoutScale();

    // Assess
    expect(scale).toBe(expected);
  });

  it.each(['0.5', '0', '11', 'fast'])(
    'refuses %j: a timeout is never shortened, nor stretched without bound',
    (raw) => {
      // Prepare
      process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE = raw;

      // Act
      const read = () => functionTimeoutScale();

      // Assess
      expect(read).toThrow(RangeError);
    },
  );
});
