import { LOCAL_WAIT_RESOURCE, prepareDefinition } from '../../../local/emulators/stepfunctions-definition';
import type { StateMachineDefinition } from '../../../local/emulators/stepfunctions-library-types';
import { MAX_TIMER_SECONDS } from '../../../local/emulators/timers';

const DAY = 86_400;

function waitFor(seconds: number): StateMachineDefinition {
  return {
    StartAt: 'KeepStoredData',
    States: { KeepStoredData: { Type: 'Wait', Seconds: seconds, End: true } },
  } as unknown as StateMachineDefinition;
}

describe('Function: prepareDefinition, Wait states', () => {
  const original = process.env.PERSONVERN_LOCAL_WAIT_SCALE;
  afterEach(() => {
    if (original === undefined) delete process.env.PERSONVERN_LOCAL_WAIT_SCALE;
    else process.env.PERSONVERN_LOCAL_WAIT_SCALE = original;
  });

  it.each([
    [undefined, 14 * DAY, 14 * DAY],
    ['0.00001', 14 * DAY, 14 * DAY * 0.00001],
    [undefined, 400 * DAY, MAX_TIMER_SECONDS],
    ['0.5', 400 * DAY, MAX_TIMER_SECONDS * 0.5],
  ])('with the scale %j waits %d s as %d s', (scale, seconds, expected) => {
    // Prepare
    if (scale === undefined) delete process.env.PERSONVERN_LOCAL_WAIT_SCALE;
    else process.env.PERSONVERN_LOCAL_WAIT_SCALE = scale;

    // Act
    const { definition, waits } = prepareDefinition(waitFor(seconds));

    // Assess: a timed Task the local API can end early, with the capped and scaled length.
    expect(waits.get('KeepStoredData')).toBeCloseTo(expected, 6);
    expect(definition.States.KeepStoredData).toEqual({
      Type: 'Task',
      Resource: LOCAL_WAIT_RESOURCE,
      End: true,
    });
  });
});
