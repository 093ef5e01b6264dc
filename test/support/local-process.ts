import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../lib/paths';

/**
 * Where `freePort` looks: below Linux's ephemeral range (32768–60999). A port the kernel hands out for
 * `listen(0)` comes from that range, and between this check and the child's own listen it can be taken as
 * the local end of any outgoing connection on the machine, which parallel test workers make by the
 * thousand (a CI run once failed so: "KMS cannot listen on 127.0.0.1:39427: the port is already in use").
 */
const TEST_PORTS = { from: 20_000, to: 32_767 };

/** A port nothing listens on now, for a process the test starts; random, so parallel workers rarely meet. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = TEST_PORTS.from + randomInt(TEST_PORTS.to - TEST_PORTS.from + 1);
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port between ${TEST_PORTS.from} and ${TEST_PORTS.to} after 50 tries`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** The fresh data folder it was given (under the system's temporary folder). */
  readonly dataDir: string;
}

/**
 * Runs `npm start`'s script as a user would, on free ports and a fresh data folder. `args` go to it as after
 * `npm start --`, e.g. `['-c', 'policyFile=policy/fjordsmil.json']`.
 */
export async function startLocalProcess(
  extraEnv: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<StartedProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'personvern-e2e-'));
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    SES_PORT: String(await freePort()),
    S3_PORT: String(await freePort()),
    SFN_PORT: String(await freePort()),
    IDPORTEN_PORT: String(await freePort()),
    KMS_PORT: String(await freePort()),
    PERSONVERN_DATA_DIR: dataDir,
    ...extraEnv,
  };
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['local/start.ts', '--fresh', ...args], {
    cwd: repoRoot,
    env,
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited, dataDir };
}

export async function waitForOutput(
  started: StartedProcess,
  text: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Did not see "${text}". Output so far:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `npm start`'s script and waits until it is ready. freePort() hands out a port that is free when
 * asked; another test's stack can take it before this one binds it. A start that stops on a port in use is
 * therefore tried again on new ports (twice at most); any other failure is thrown at once.
 */
export async function startReadyLocalProcess(
  extraEnv: Record<string, string> = {},
  ready = 'Press Ctrl-C to stop.',
  timeoutMs = 90_000,
  args: readonly string[] = [],
): Promise<StartedProcess> {
  for (let attempt = 1; ; attempt++) {
    const started = await startLocalProcess(extraEnv, args);
    try {
      await waitForOutput(started, ready, timeoutMs);
      return started;
    } catch (error) {
      if (started.child.exitCode === null) {
        started.child.kill('SIGKILL');
        await started.exited;
      }
      rmSync(started.dataDir, { recursive: true, force: true });
      if (attempt < 3 && /the port is already in use/.test(started.output())) continue;
      throw error;
    }
  }
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
