/**
 * The Wait states that count days (keeping a closed request's data for 14 days) run as timers that the
 * local API can end at once (`POST /local/stepfunctions/end-wait`). Tests of long waits then drive the wait
 * itself instead of compressing the clock, which races a cold Lambda on a loaded machine. The runner has no
 * way to end one Wait early, so prepareDefinition turns each fixed-seconds Wait into a Task that one of
 * these timers answers; the execution's history still reads WaitStateEntered and WaitStateExited.
 */
export class WaitTimers {
  private readonly pending = new Map<string, { readonly end: () => void; readonly timer: NodeJS.Timeout }>();

  /** Resolves after `ms`, or as soon as `end` is called for this execution and state. */
  wait(executionArn: string, stateName: string, ms: number): Promise<void> {
    const key = keyOf(executionArn, stateName);
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.pending.delete(key);
        resolve();
      };
      const timer = setTimeout(end, ms);
      // A local stack's servers keep the process alive; a timer of days must not keep a test run alive.
      timer.unref();
      this.pending.set(key, { end, timer });
    });
  }

  /** Ends the wait now, as its Seconds would; false when the execution is not waiting in that state. */
  end(executionArn: string, stateName: string): boolean {
    const waiting = this.pending.get(keyOf(executionArn, stateName));
    waiting?.end();
    return waiting !== undefined;
  }

  /** An execution that stopped (aborted, failed) leaves no timer behind. */
  closeExecution(executionArn: string): void {
    for (const [key, waiting] of this.pending) {
      if (!key.startsWith(keyOf(executionArn, ''))) continue;
      clearTimeout(waiting.timer);
      this.pending.delete(key);
    }
  }
}

const keyOf = (executionArn: string, stateName: string) => `${executionArn}\n${stateName}`;
