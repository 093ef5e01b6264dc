import { join } from 'node:path';
import { startDynamoDb } from './dynamodb';
import type { RunningEmulator } from './emulator';
import { PortInUseError } from './ports';
import { type S3Authorization, startS3 } from './s3';
import { DEFAULT_SES_PORT, startSes } from './ses';
import { startStepFunctions } from './stepfunctions';
import type { LocalStepFunctions } from './stepfunctions-service';

export type { PendingTask } from './stepfunctions-callbacks';
export type { LocalStepFunctions, StateMachineRegistration } from './stepfunctions-service';
export type { LambdaHandler } from './stepfunctions-tasks';

export type EmulatedService = 'dynamodb' | 'ses' | 's3' | 'stepfunctions';

/** The ports the usual local tools use, so existing habits (and NoSQL Workbench) keep working. */
export const DEFAULT_EMULATOR_PORTS: Readonly<Record<EmulatedService, number>> = {
  dynamodb: 8000,
  ses: DEFAULT_SES_PORT,
  s3: 4568,
  stepfunctions: 8083,
};

/** The environment variables with which `npm start` moves an emulator (local/start.ts), named when a port is taken. */
const PORT_VARIABLES: Readonly<Record<EmulatedService, string>> = {
  dynamodb: 'DYNAMODB_PORT',
  ses: 'SES_PORT',
  s3: 'S3_PORT',
  stepfunctions: 'SFN_PORT',
};

export interface StartEmulatorsOptions {
  /** DynamoDB and S3 keep their files under this directory; SES and Step Functions live in memory. */
  readonly dataDir: string;
  /** Throws away what earlier runs kept in `dataDir`. */
  readonly fresh: boolean;
  /** 0 picks a free port. */
  readonly ports?: Partial<Record<EmulatedService, number>>;
  /** S3 buckets to create up front. */
  readonly buckets?: readonly string[];
  /**
   * Key pairs the local S3 accepts besides the shared local one: each function signs with its own access key id
   * (local/iam/credentials.ts), and the local S3 refuses keys it does not know.
   */
  readonly extraS3Credentials?: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[];
  /** The IAM check of the functions' S3 calls (local/iam/s3-check.ts); none when IAM is not enforced. */
  readonly s3Authorization?: S3Authorization;
}

export interface Emulators {
  /** For the AWS_ENDPOINT_URL_* variables. */
  readonly endpoints: Readonly<Record<EmulatedService, string>>;
  readonly stepFunctions: LocalStepFunctions;
  /** Resolves once every port is free again. */
  stop(): Promise<void>;
}

/**
 * Starts the AWS stand-ins on 127.0.0.1. If one cannot start (a busy port rejects with a PortInUseError), the
 * ones already running are stopped again before the error is passed on.
 */
export async function startEmulators({
  dataDir,
  fresh,
  ports,
  buckets = [],
  extraS3Credentials = [],
  s3Authorization,
}: StartEmulatorsOptions): Promise<Emulators> {
  const port = { ...DEFAULT_EMULATOR_PORTS, ...ports };
  const started: RunningEmulator[] = [];
  const track = async <Emulator extends RunningEmulator>(
    service: EmulatedService,
    starting: Promise<Emulator>,
  ): Promise<Emulator> => {
    try {
      const emulator = await starting;
      started.push(emulator);
      return emulator;
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
      throw new PortInUseError(error.service, error.port, PORT_VARIABLES[service], { cause: error.cause });
    }
  };
  const stop = async () => {
    const stopped = await Promise.allSettled(started.map((emulator) => emulator.stop()));
    const failure = stopped.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  };
  try {
    const dynamodb = await track(
      'dynamodb',
      startDynamoDb({ directory: join(dataDir, 'dynamodb'), fresh, port: port.dynamodb }),
    );
    const ses = await track('ses', startSes({ port: port.ses }));
    const s3 = await track(
      's3',
      startS3({
        directory: join(dataDir, 's3'),
        fresh,
        port: port.s3,
        buckets,
        credentials: [{ accessKeyId: 'local', secretAccessKey: 'local' }, ...extraS3Credentials],
        ...(s3Authorization === undefined ? {} : { authorize: s3Authorization }),
      }),
    );
    const stepfunctions = await track('stepfunctions', startStepFunctions({ port: port.stepfunctions }));
    return {
      endpoints: {
        dynamodb: dynamodb.endpoint,
        ses: ses.endpoint,
        s3: s3.endpoint,
        stepfunctions: stepfunctions.endpoint,
      },
      stepFunctions: stepfunctions.stepFunctions,
      stop,
    };
  } catch (error) {
    // The start failure is what the user needs to see; a failure to stop the others must not hide it.
    await Promise.allSettled(started.map((emulator) => emulator.stop()));
    throw error;
  }
}
