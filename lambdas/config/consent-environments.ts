/**
 * The cookie consent functions' environments (lib/constructs/consent.ts), beside the others as
 * notice-environments.ts is: the handler parses `process.env` with its schema and the construct is typed by it.
 * `GET /consent.js` has none: it reads the table as the policy function does (policy-environment.ts), without
 * zod. The staff summary uses StaffApiEnv.
 */
import * as z from '../domain/zod';
import { PseudonymKeyEnv, Required } from './environments';

/**
 * The banner's records (`POST /consent`, `GET`/`DELETE /consent/{consentId}`): the table, which also holds the
 * published policy versions the records are checked against, and the pseudonym key for the per-client limit.
 */
export const ConsentRecordsEnv = z.extend(PseudonymKeyEnv, { TABLE_NAME: Required });
