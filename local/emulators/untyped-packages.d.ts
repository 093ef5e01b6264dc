// The slices of dynalite's and s3rver's APIs the emulators use; neither package ships type declarations.

declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    configureBuckets(): Promise<void>;
    /** Koa's request listener, for mounting on a server we create ourselves. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}

declare module 's3rver/lib/models/account.js' {
  interface AwsAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }

  const AWSAccount: {
    /** Every access key s3rver accepts, mapped to its account. */
    readonly registry: Map<string, AwsAccount>;
    readonly DUMMY_ACCOUNT: AwsAccount;
  };
  export default AWSAccount;
}
