/**
 * The request state machine as synthesized: the verification timeouts, and the rule that every
 * state has a timeout, a retry with jitter, and a recoverable catch. Checked on the definition itself,
 * since days-long timers cannot run in a test.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

interface State {
  Type: string;
  Parameters?: { Payload?: Record<string, unknown> };
  ItemsPath?: string;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: { States: Record<string, State> };
  Resource?: string;
}

function definition(): { States: Record<string, State>; StartAt: string } {
  const machines = template.findResources('AWS::StepFunctions::StateMachine', {
    Properties: { StateMachineName: 'Personvern-request' },
  });
  const [machine] = Object.values(machines);
  const body = machine?.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'x')).join('');
  return JSON.parse(text);
}

const DAY = 86_400;

describe('Request workflow definition', () => {
  const { States, StartAt } = definition();
  const all: [string, State][] = Object.entries(States).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...Object.entries(state.ItemProcessor?.States ?? {}),
  ]);

  it('waits three days for the code, reminds once, and closes the request after fourteen', () => {
    // Assess
    expect(StartAt).toBe('AwaitVerification');
    const wait = States.AwaitVerification;
    const remind = States.RemindVerification;
    expect(wait?.TimeoutSeconds).toBe(3 * DAY);
    expect(wait?.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next).toBe(
      'RemindVerification',
    );
    expect(remind?.TimeoutSeconds).toBe(11 * DAY);
    expect(remind?.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next).toBe(
      'CloseUnverifiedRequest',
    );
  });

  it('gives every task a timeout and a retry with full jitter', () => {
    // Assess
    const tasks = all.filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, state] of tasks) {
      expect({ name, timeout: (state.TimeoutSeconds ?? 0) > 0 }).toEqual({ name, timeout: true });
      expect({ name, jitter: state.Retry?.every((r) => r.JitterStrategy === 'FULL') }).toEqual({
        name,
        jitter: true,
      });
    }
  });

  it('catches every top-level task and Map into a path that flags the request for staff', () => {
    // Assess
    // The recovery path itself (flag, attention task) is the last resort: a failure there fails the execution.
    const guarded = Object.entries(States).filter(
      ([name, state]) =>
        (state.Type === 'Task' || state.Type === 'Map') && !/^(FlagAttention|AttentionTask)/.test(name),
    );
    for (const [name, state] of guarded) {
      const targets = (state.Catch ?? []).map((c) => c.Next);
      expect({ name, caught: targets.length > 0 }).toEqual({ name, caught: true });
    }
    const attention = Object.keys(States).filter((name) => name.startsWith('FlagAttention'));
    expect(attention.length).toBeGreaterThanOrEqual(6);
  });

  it('turns a connector that keeps failing into a staff task instead of dropping the system', () => {
    // Assess
    const collect = States.CollectFromEverySystem?.ItemProcessor?.States.CollectFromSystem;
    expect(collect?.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'ManualCollection' });
  });

  it('spends one state per system: a callback step that resumes itself or leaves its token on a staff task', () => {
    // Assess
    const collect = States.CollectFromEverySystem?.ItemProcessor?.States ?? {};
    const answer = States.AnswerInEverySystem?.ItemProcessor?.States ?? {};
    // ManualCollection is only the catch of a connector that keeps failing.
    expect(Object.keys(collect).sort()).toEqual(['CollectFromSystem', 'ManualCollection']);
    expect(Object.keys(answer)).toEqual(['FulfilInSystem']);
    for (const step of [collect.CollectFromSystem, answer.FulfilInSystem]) {
      expect(step?.Resource).toContain('lambda:invoke.waitForTaskToken');
      expect(step?.TimeoutSeconds).toBe(21 * DAY);
      // Ids and the token only: nothing personal enters the execution history.
      expect(Object.keys(step?.Parameters?.Payload ?? {}).sort()).toEqual([
        'requestId.$',
        'systemId.$',
        'taskToken.$',
      ]);
    }
  });

  it('answers only in the systems the plan names for the answer (none for access and portability)', () => {
    // Assess
    expect(States.CollectFromEverySystem?.ItemsPath).toBe('$.plan.value.systems');
    expect(States.AnswerInEverySystem?.ItemsPath).toBe('$.plan.value.answerSystems');
  });
});
