/**
 * What the workflow's steps read and write, as ports; adapters/store/dynamo-workflow.ts and
 * adapters/s3/collected-data.ts implement them. Everything is keyed by request id: the steps receive ids
 * from the state machine and look the rest up.
 */
import type { CollectedData } from '../connectors/connector';
import type { ExportFileRecord } from './data-lifetime';
import type { CollectedObject, Finding, LegalHold } from './findings';
import type { CategoryDecision } from './legal-hold';
import type { RequestPlan } from './plan';

export const WORKFLOW_STAGES = [
  'identity-check',
  'collecting',
  'legal-hold',
  'review',
  'fulfilling',
  'responding',
  'completed',
  'rejected',
] as const;
export type WorkflowStage = (typeof WORKFLOW_STAGES)[number];

export interface RequestProgressStore {
  /** Stores the plan and moves the request to its first stage. */
  setPlan(requestId: string, plan: RequestPlan, stage: WorkflowStage, at: string): Promise<void>;
  setStage(requestId: string, stage: WorkflowStage, at: string): Promise<void>;
  /** Marks the request as needing staff attention at this stage (cleared by `setStage`). */
  flagAttention(requestId: string, stage: string, at: string): Promise<void>;
  /** Ends the request: it leaves the open-requests index. */
  finish(requestId: string, outcome: 'completed' | 'rejected', at: string): Promise<void>;
}

export interface FindingStore {
  put(requestId: string, finding: Finding): Promise<void>;
  /** Takes back a system's finding, when the decision that wrote it is undone. */
  remove(requestId: string, systemId: string): Promise<void>;
  list(requestId: string): Promise<Finding[]>;
}

export interface RetentionStore {
  put(requestId: string, decisions: readonly CategoryDecision[]): Promise<void>;
  get(requestId: string): Promise<readonly CategoryDecision[] | undefined>;
}

export interface HoldStore {
  /** The holds about this person (by subject hash), lifted and expired ones included. */
  listForSubject(subjectHash: string): Promise<LegalHold[]>;
  place(hold: LegalHold): Promise<void>;
  /** False when there is no such hold or it was already lifted. */
  lift(holdId: string, at: string, by: string): Promise<boolean>;
  get(holdId: string): Promise<LegalHold | undefined>;
  /** Every hold ever placed, lifted and expired ones included, the newest first. */
  list(): Promise<LegalHold[]>;
}

/** Collected records live in the export bucket, one JSON Lines object per system and kind. */
export interface CollectedDataStore {
  /** Writes what a connector collected; returns the key prefix and each object written, with its size. */
  write(
    requestId: string,
    systemId: string,
    data: CollectedData,
  ): Promise<{ readonly prefix: string; readonly objects: readonly CollectedObject[] }>;
}

/**
 * Every object a request stored in the export bucket: collected records, staff uploads and the export.
 */
export interface RequestObjectStore {
  /** Each stored object's key and size in bytes. */
  list(requestId: string): Promise<ReadonlyMap<string, number>>;
  /** Deletes every object the request stored; returns how many there were. */
  deleteAll(requestId: string): Promise<number>;
}

/** Where the respond step records the export it built (on the request item). */
export interface ExportFileStore {
  record(requestId: string, file: ExportFileRecord): Promise<void>;
}

/** What the answer did in one system. */
export interface Fulfilment {
  readonly systemId: string;
  readonly action:
    | 'erased'
    | 'nothing-to-erase'
    | 'suppressed'
    | 'staff'
    | 'kept'
    | 'none'
    /** The responsible health personnel's decision on erasure (erasure-decision.ts). */
    | 'erased-by-decision'
    | 'kept-by-decision';
  readonly recordCount?: number;
  readonly at: string;
}

export interface FulfilmentStore {
  put(requestId: string, fulfilment: Fulfilment): Promise<void>;
  list(requestId: string): Promise<Fulfilment[]>;
}
