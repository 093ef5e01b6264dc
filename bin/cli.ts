/**
 * Dispatches `personvern <command> …` to one module per command in `bin/commands/`.
 * Each command module exports `run(args, io)` and returns the process exit code.
 */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  policy: {
    summary:
      'policy validate|lint|publish|diff …   check against the schema or the law, publish (--summary, --major, --effective) or compare policy versions',
    load: () => import('./commands/policy'),
  },
  deadline: {
    summary: 'deadline <ISO-8601>      print the GDPR due dates for a receipt time',
    load: () => import('./commands/deadline'),
  },
  audit: {
    summary: "audit verify <id>        check the hash chain of a request's audit trail (--table <name>)",
    load: () => import('./commands/audit'),
  },
  trace: {
    summary:
      'trace <index.mjs.map | code folder> [stack file]   map a logged stack trace to the source (stdin without a file)',
    load: () => import('./commands/trace'),
  },
  idporten: {
    summary:
      'idporten keygen --secret <arn|name>   new ID-porten client key: private half into the secret, public JWK printed for Digdir (--dry-run)',
    load: () => import('./commands/idporten'),
  },
};

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    io.err(name === undefined || name === 'help' ? 'Usage:' : `Unknown command: ${name}\nUsage:`);
    for (const { summary } of Object.values(commands)) io.err(`  personvern ${summary}`);
    return name === 'help' ? 0 : 2;
  }
  const { run } = await command.load();
  return run(rest, io);
}
