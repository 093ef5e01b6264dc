/**
 * Runs one benchmark script in its own process (its own heap, RSS and event loop) and reads its result.
 * The script writes its JSON to the file named by BENCH_RESULT_FILE; whatever it prints (the local stack's
 * handlers log a lot) is kept out of the bench's own output unless it fails.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths';

export async function runChild<T>(script: string, args: string[] = [], timeoutMs = 600_000): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'personvern-bench-child-'));
  const resultFile = join(directory, 'result.json');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [script, ...args], {
        cwd: repoRoot,
        env: { ...process.env, NODE_OPTIONS: '', BENCH_RESULT_FILE: resultFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tail = '';
      const keep = (chunk: Buffer) => {
        tail = (tail + chunk.toString('utf8')).slice(-4000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`${script} ${args.join(' ')} ended with ${code ?? signal}:\n${tail}`));
      });
    });
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** For the scripts: hand the result to the parent (or print it when run by hand). */
export function reportResult(result: unknown): void {
  const json = JSON.stringify(result, null, 2);
  const file = process.env.BENCH_RESULT_FILE;
  if (file === undefined || file === '') console.log(json);
  else writeFileSync(file, json);
}
