import dynalite from 'dynalite';
import { prepareDataDirectory } from './data-directory';
import { endpointFor, type RunningEmulator } from './emulator';
import { assertPortFree, closeServer, listen } from './ports';

const SERVICE = 'DynamoDB (dynalite)';

export interface DynamoDbEmulatorOptions {
  /** LevelDB files live here, so tables and items survive a restart. */
  readonly directory: string;
  readonly fresh: boolean;
  /** 0 picks a free port. */
  readonly port: number;
}

export async function startDynamoDb({
  directory,
  fresh,
  port,
}: DynamoDbEmulatorOptions): Promise<RunningEmulator> {
  // dynalite opens (and locks) its LevelDB as soon as it is created; probing first keeps a busy port from
  // leaving that lock behind.
  await assertPortFree(SERVICE, port);
  await prepareDataDirectory(directory, fresh);
  // Tables become ACTIVE at once: the local stack writes right after creating them.
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const boundPort = await listen(server, SERVICE, port);
  return { endpoint: endpointFor(boundPort), stop: () => closeServer(server) };
}
