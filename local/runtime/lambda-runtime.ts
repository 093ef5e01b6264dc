import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { repoRoot } from '../../lib/paths';
import { functionAccessKeyId, LOCAL_SECRET_ACCESS_KEY } from '../iam/credentials';
import type { LocalFunction } from '../template/resources';

/** A handler's error, carried across the thread boundary with its name so Retry/Catch can match it. */
export class LambdaFunctionError extends Error {
  constructor(name: string, message: string, stack?: string) {
    super(message);
    this.name = name;
    if (stack !== undefined) this.stack = stack;
  }
}

export class FunctionTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`${functionName} timed out after ${seconds} s`);
    this.name = 'Sandbox.Timedout';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Starts each function's worker on first use (its cold start) and routes invocations to it. */
export class LocalLambdaRuntime {
  private readonly workers = new Map<string, Promise<Worker>>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly functions: Map<string, LocalFunction>,
    /** Region, credentials and AWS_ENDPOINT_URL_* shared by every function. */
    private readonly baseEnvironment: Record<string, string>,
    /** Values that only exist locally (the API's own address), read when a function first starts. */
    private readonly localOverrides: () => Record<string, string> = () => ({}),
    /** The policy file the functions import as `#policy` (the template's `personvern:policyFile`). */
    private readonly policyFile?: string,
  ) {}

  /** `target` is a function's logical id, name or ARN, as the template or a definition names it. */
  async invoke(target: string, event: unknown): Promise<unknown> {
    const fn = this.find(target);
    const worker = await this.worker(fn);
    const id = randomUUID();
    const seconds = fn.timeoutSeconds * functionTimeoutScale();
    const deadline = Date.now() + seconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new FunctionTimeoutError(fn.name, seconds));
      }, seconds * 1000);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, event, requestId: id, deadline });
    });
  }

  async close(): Promise<void> {
    const workers = await Promise.allSettled(this.workers.values());
    this.workers.clear();
    await Promise.all(workers.map((w) => (w.status === 'fulfilled' ? w.value.terminate() : undefined)));
  }

  private find(target: string): LocalFunction {
    for (const fn of this.functions.values()) {
      if (
        target === fn.logicalId ||
        target === fn.name ||
        target === fn.arn ||
        target.startsWith(`${fn.arn}:`)
      )
        return fn;
    }
    throw new LambdaFunctionError('ResourceNotFoundException', `No local function ${target}`);
  }

  private worker(fn: LocalFunction): Promise<Worker> {
    let worker = this.workers.get(fn.logicalId);
    if (worker === undefined) {
      worker = this.startWorker(fn);
      this.workers.set(fn.logicalId, worker);
    }
    return worker;
  }

  private startWorker(fn: LocalFunction): Promise<Worker> {
    const worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      execArgv: [],
      env: {
        ...this.baseEnvironment,
        ...fn.environment,
        // The function's own credentials, as Lambda hands it its execution role's session: the local IAM check
        // (local/iam) tells from the access key id which role a call runs under.
        AWS_ACCESS_KEY_ID: functionAccessKeyId(fn.logicalId),
        AWS_SECRET_ACCESS_KEY: LOCAL_SECRET_ACCESS_KEY,
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        POWERTOOLS_SERVICE_NAME: fn.environment.POWERTOOLS_SERVICE_NAME ?? fn.name,
        ...Object.fromEntries(Object.entries(this.localOverrides()).filter(([key]) => key in fn.environment)),
      },
      workerData: {
        entryUrl: pathToFileURL(`${repoRoot}/${fn.entry}`).href,
        exportName: fn.exportName,
        functionName: fn.name,
        memoryMb: 512,
        ...(this.policyFile === undefined ? {} : { policyFile: this.policyFile }),
      },
    });
    worker.on(
      'message',
      (message: {
        id?: string;
        ok?: boolean;
        result?: unknown;
        error?: { name: string; message: string; stack?: string };
      }) => {
        const pending = message.id === undefined ? undefined : this.pending.get(message.id);
        if (pending === undefined || message.id === undefined) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else
          pending.reject(
            new LambdaFunctionError(
              message.error?.name ?? 'Error',
              message.error?.message ?? '',
              message.error?.stack,
            ),
          );
      },
    );
    worker.unref();
    return new Promise((resolve, reject) => {
      worker.once('message', () => resolve(worker));
      worker.once('error', (error) => {
        this.workers.delete(fn.logicalId);
        reject(new LambdaFunctionError('Runtime.ImportModuleError', `${fn.name}: ${error.message}`));
      });
    });
  }
}

/**
 * On AWS each concurrent invocation has an instance of its own; locally every call of a function shares one
 * worker thread, and all of them share this machine's cores. A load run with 100 concurrent clients on two
 * cores therefore makes calls wait for CPU that Lambda would not make them wait for. Such runs may stretch
 * the functions' timeouts with PERSONVERN_LOCAL_TIMEOUT_SCALE (at least 1; 1 by default), so that what they
 * measure is the product's behaviour, not this machine's queue. Never below the deployed timeout.
 */
export function functionTimeoutScale(): number {
  const raw = process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale >= 1 && scale <= 10)) {
    throw new RangeError(`PERSONVERN_LOCAL_TIMEOUT_SCALE must be a number from 1 to 10, not "${raw}"`);
  }
  return scale;
}
