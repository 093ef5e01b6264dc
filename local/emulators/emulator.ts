import { LOCALHOST } from './ports';

/** One started stand-in: where the AWS SDK reaches it, and how to shut it down again. */
export interface RunningEmulator {
  readonly endpoint: string;
  /** Resolves once the port is free again. */
  stop(): Promise<void>;
}

export function endpointFor(port: number): string {
  return `http://${LOCALHOST}:${port}`;
}
