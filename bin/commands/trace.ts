/**
 * `personvern trace <source map | function code folder> [stack file]`: prints a stack trace that a deployed
 * function logged, with each position in the minified bundle replaced by the source file, line and column it
 * came from. The stack is read from the file, or else from standard input.
 *
 * The functions run without `--enable-source-maps`, which would cost every cold start 10–15 ms to parse the
 * map (docs/architecture.md, "Stack traces are mapped when read"). The map ships in the same code package as
 * the bundle it describes (`index.mjs.map` beside `index.mjs`), so it cannot drift from the code that ran:
 *
 *   aws lambda get-function --function-name <name> --query Code.Location --output text  # a download URL
 *   unzip code.zip -d code && npx personvern trace code < stack.txt
 *
 * The `cdk.out/asset.<hash>/` folder of a synth of the deployed commit holds the same two files.
 */
import { readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join } from 'node:path';
import type { CliIo } from '../cli';

const USAGE = [
  'Usage: personvern trace <index.mjs.map | folder holding it> [stack file]',
  '  Maps the positions of a logged stack trace back to the source; the stack comes from the file or stdin.',
];

/** A position in a bundle as V8 prints it: `…/index.mjs:1:23456`, with or without `file://`. */
const BUNDLE_POSITION = /(?:file:\/\/)?[^\s()]*index\.mjs:(\d+):(\d+)/g;

/**
 * The stack with each bundle position replaced by its origin (`lambdas/…/file.ts:12:5`). Positions the map
 * does not cover (the runtime's own frames, another file) stay as they were. Function names stay minified:
 * a map names the identifier at a position, which is the callee, not the function the frame is in.
 */
export function mapStack(stack: string, map: SourceMap): string {
  return stack.replace(BUNDLE_POSITION, (position, line: string, column: string) => {
    const origin = map.findOrigin(Number(line), Number(column));
    return 'fileName' in origin
      ? `${sourcePath(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`
      : position;
  });
}

/** esbuild names sources relative to the asset folder (`../../lambdas/…`); the repository path reads better. */
function sourcePath(fileName: string): string {
  const path = fileName.replace(/^file:\/\//, '');
  const inRepository = path.match(/(?:^|\/)((?:lambdas|node_modules|lib)\/.*)$/);
  return inRepository?.[1] ?? path;
}

export async function run(
  args: string[],
  io: CliIo,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  const [mapPath, stackPath, ...extra] = args;
  if (mapPath === undefined || extra.length > 0) {
    for (const line of USAGE) io.err(line);
    return 2;
  }
  let map: SourceMap;
  try {
    const file = statSync(mapPath).isDirectory() ? join(mapPath, 'index.mjs.map') : mapPath;
    map = new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload);
  } catch (error) {
    io.err(`personvern trace: cannot read a source map from ${mapPath}: ${(error as Error).message}`);
    return 1;
  }
  const stack = stackPath === undefined ? await stdin() : readFileSync(stackPath, 'utf8');
  io.out(mapStack(stack.trimEnd(), map));
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
