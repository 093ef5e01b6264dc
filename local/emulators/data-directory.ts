import { mkdir, rm } from 'node:fs/promises';

/** Makes sure an emulator's data directory exists; `fresh` throws away what earlier runs kept there. */
export async function prepareDataDirectory(directory: string, fresh: boolean): Promise<void> {
  if (fresh) await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
}
