/**
 * One ID-porten sign-in in progress, as stored between the start route and the callback. It binds the
 * sign-in to one request and to the browser that started it, and holds no secret of the flow (see
 * flow-secrets.ts): the status token is sealed under the browser's cookie.
 */
import type { Language } from '../policy/language';
import type { EidLevel } from './provider';

/** How long a started sign-in may take, ID-porten's own login included. */
export const EID_FLOW_SECONDS = 600;

export interface EidFlow {
  readonly stateHash: string;
  readonly requestId: string;
  readonly browserKeyHash: string;
  /** The status token, to send the person back to their status page; only the cookie opens it. */
  readonly sealedStatusToken: string;
  /** What was asked of ID-porten: the callback refuses less. */
  readonly level: EidLevel;
  readonly lang: Language;
  readonly createdAt: string;
  /** Epoch seconds: the flow's own end, and the table's TTL (which deletes late, so it is checked too). */
  readonly expiresAt: number;
  /** Set once, by the callback that used it. */
  readonly usedAt?: string;
}

export interface EidFlowStore {
  /** Stores a new flow; a flow with the same state cannot exist (the state is 256 random bits). */
  create(flow: EidFlow): Promise<void>;
  get(stateHash: string): Promise<EidFlow | undefined>;
  /**
   * Marks the flow used, if it is unused, unexpired at `now` and this browser's: false otherwise. One use,
   * even when a later step fails: a callback cannot be replayed.
   */
  consume(stateHash: string, browserKeyHash: string, now: Date): Promise<boolean>;
}
