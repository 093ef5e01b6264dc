/**
 * Before an export is built, what collection recorded (the findings) must still match what the export
 * bucket holds. A connector's objects must all be there with the size they were written with; a staff
 * upload must be there and be one of this request's own uploads for that system. Otherwise the answer
 * would silently lack data (or carry someone else's), so the respond step refuses and staff are asked
 * to look (`CollectedDataMismatchError`, caught by the request workflow).
 */
import type { Finding } from './findings';
import {
  belongsToRequest,
  collectedPrefix,
  isCollectedKeyOf,
  isUploadKeyOf,
  parseUploadKey,
} from './object-keys';

export type CollectedProblem =
  /** A recorded object is not in the bucket (deleted, expired, never written). */
  | { readonly systemId: string; readonly problem: 'missing'; readonly key: string }
  /** The object is there, but not with the size collection wrote. */
  | {
      readonly systemId: string;
      readonly problem: 'size-differs';
      readonly key: string;
      readonly recordedBytes: number;
      readonly storedBytes: number;
    }
  /** The finding's own numbers disagree: its objects hold another number of records than it reports. */
  | {
      readonly systemId: string;
      readonly problem: 'count-differs';
      readonly recorded: number;
      readonly inObjects: number;
    }
  /** The finding points outside this request's own keys for that system. */
  | { readonly systemId: string; readonly problem: 'foreign-key'; readonly key: string };

/** What does not match, per finding; empty when the export can be built from what is stored. */
export function collectedProblems(
  requestId: string,
  findings: readonly Finding[],
  stored: ReadonlyMap<string, number>,
): CollectedProblem[] {
  return findings.flatMap((finding) => {
    const { systemId } = finding;
    if (finding.source === 'staff-upload') {
      const key = finding.objectKey ?? '';
      // Parsed and compared part by part: a prefix test would let `uploads/<this>/<system>/../../…` through.
      if (!isUploadKeyOf(key, requestId, systemId)) return [{ systemId, problem: 'foreign-key', key }];
      return stored.has(key) ? [] : [{ systemId, problem: 'missing', key }];
    }
    if (finding.source !== 'connector' || finding.recordCount === 0) return [];
    const prefix = collectedPrefix(requestId, systemId);
    if (finding.objects === undefined) {
      // Recorded before objects were: at least something must be stored under the system's prefix.
      const key = finding.objectKey ?? prefix;
      if (key !== prefix) return [{ systemId, problem: 'foreign-key', key }];
      return [...stored.keys()].some((k) => k.startsWith(prefix))
        ? []
        : [{ systemId, problem: 'missing', key }];
    }
    const problems: CollectedProblem[] = [];
    const inObjects = finding.objects.reduce((sum, object) => sum + object.records, 0);
    if (inObjects !== finding.recordCount)
      problems.push({ systemId, problem: 'count-differs', recorded: finding.recordCount, inObjects });
    for (const object of finding.objects) {
      const size = stored.get(object.key);
      if (!isCollectedKeyOf(object.key, requestId, systemId))
        problems.push({ systemId, problem: 'foreign-key', key: object.key });
      else if (size === undefined) problems.push({ systemId, problem: 'missing', key: object.key });
      else if (size !== object.bytes)
        problems.push({
          systemId,
          problem: 'size-differs',
          key: object.key,
          recordedBytes: object.bytes,
          storedBytes: size,
        });
    }
    return problems;
  });
}

/**
 * The respond step found collected data that no longer matches what collection recorded. The message
 * names systems and problems only: keys can hold an uploaded file's name, which can hold a person's.
 */
export class CollectedDataMismatchError extends Error {
  readonly problems: readonly CollectedProblem[];

  constructor(requestId: string, problems: readonly CollectedProblem[]) {
    const summary = problems.map((p) => `${p.systemId}: ${p.problem}`).join(', ');
    super(`What was collected for request ${requestId} no longer matches what is stored (${summary})`);
    this.name = 'CollectedDataMismatchError';
    this.problems = problems;
  }
}

/**
 * Wraps the export's object reader so it opens only this request's own objects (its uploads and collected
 * records, parsed exactly). `collectedProblems` has already refused foreign keys before the export is
 * built; this is the last line, at the read itself, so no path through the export code (a finding written
 * by a bug, a key that slipped past a check) can copy another request's data into this requester's ZIP.
 */
export function readingOwnObjectsOnly<T>(
  requestId: string,
  open: (key: string) => Promise<T>,
): (key: string) => Promise<T> {
  return async (key) => {
    if (!belongsToRequest(key, requestId))
      throw new CollectedDataMismatchError(requestId, [
        { systemId: parseUploadKey(key)?.systemId ?? 'unknown', problem: 'foreign-key', key },
      ]);
    return open(key);
  };
}
