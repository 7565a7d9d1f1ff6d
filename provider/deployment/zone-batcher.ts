/**
 * Per-zone change lanes (DESIGN invariants 3-5). Changes to one zone are queued, applied in order
 * on the zone's session, and published once per batch; each change resolves only after the
 * publish that contains it succeeded. On any failure the zone's pending changeset is discarded and
 * every change of the batch fails with the cause. Unpublished changes belong to the session token
 * (§5.2, §6.1), so when the token was replaced during a batch (session.epoch moved) the whole
 * batch is replayed on the new token before publishing. Different zones proceed in parallel on up
 * to `maxSessions` sessions.
 */
import { sleep } from "../sdk/engine/timers";

/** What the batcher needs from a session: its token generation (DynectSession.epoch). */
export interface EpochSession {
  readonly epoch: number;
}

export interface BatchContext {
  /** True when the batch runs again because the session was replaced; ops must be re-runnable. */
  readonly replay: boolean;
  /** The zone being changed. */
  readonly zone: string;
}

export type ZoneOperation<S, T> = (session: S, ctx: BatchContext) => Promise<T>;

export interface ZoneBatcherOptions<S extends EpochSession, P> {
  maxSessions: number;
  /** The session of a slot (0 … maxSessions-1). */
  sessionFor(slot: number): S;
  /** Makes sure the session holds a token, so `epoch` is meaningful before the first change. */
  ensureSession?(session: S): Promise<void>;
  publish(session: S, zone: string): Promise<P>;
  /** Drops the session's pending changes of the zone; errors are ignored. */
  discard(session: S, zone: string): Promise<void>;
  /**
   * A batch starts once no new change has arrived for this long (changes of one deployment arrive
   * staggered, one engine step at a time: a few ms apart, tens of ms on a busy machine). Default
   * 250 ms, so a wave of the engine's changes stays one batch even under load.
   */
  coalesceMs?: number;
  /** …but waits no longer than this in all before starting it. Default 1000 ms. */
  maxCoalesceMs?: number;
  /** How often a batch is replayed after the token changed before giving up. Default 3. */
  maxReplays?: number;
}

export interface BatchResult<T, P> {
  value: T;
  /** The result of the publish that contains this change (undefined for `publish: false`). */
  published: P | undefined;
  /** How many changes that publish contained (the same `published` object is shared by all). */
  batchSize: number;
}

interface Entry<S> {
  op: ZoneOperation<S, unknown>;
  publish: boolean;
  resolve(value: BatchResult<unknown, unknown>): void;
  reject(error: unknown): void;
}

interface Lane<S> {
  zone: string;
  queue: Entry<S>[];
  running: boolean;
  slot: number | undefined;
  /** When the newest queued change arrived. */
  lastArrival: number;
}

/** Thrown to the other changes of a batch that failed because of one change or the publish. */
export class BatchFailedError extends Error {
  override readonly name = "BatchFailedError";
  constructor(
    readonly zone: string,
    override readonly cause: unknown,
  ) {
    super(`the change was not applied: the batch of changes to zone ${zone} failed because of: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class SessionReplacedError extends Error {
  override readonly name = "SessionReplacedError";
}

export class ZoneBatcher<S extends EpochSession, P = unknown> {
  private readonly lanes = new Map<string, Lane<S>>();
  private readonly slotLoad: number[];
  private readonly coalesceMs: number;
  private readonly maxCoalesceMs: number;
  private readonly maxReplays: number;

  constructor(private readonly options: ZoneBatcherOptions<S, P>) {
    if (!Number.isInteger(options.maxSessions) || options.maxSessions < 1) throw new RangeError("maxSessions must be a positive integer");
    this.slotLoad = new Array(options.maxSessions).fill(0);
    this.coalesceMs = options.coalesceMs ?? 250;
    this.maxCoalesceMs = Math.max(this.coalesceMs, options.maxCoalesceMs ?? 1000);
    this.maxReplays = options.maxReplays ?? 3;
  }

  /**
   * Queues a change to `zone`. With `publish: true` (default) it joins the next batch and resolves
   * after that batch is published; with `publish: false` it runs alone in the zone's lane (e.g. a
   * zone delete, which takes effect immediately) and resolves when done.
   */
  run<T>(zone: string, op: ZoneOperation<S, T>, opts: { publish?: boolean } = {}): Promise<BatchResult<T, P>> {
    const lane = this.laneOf(zone);
    return new Promise<BatchResult<T, P>>((resolve, reject) => {
      lane.queue.push({
        op: op as ZoneOperation<S, unknown>,
        publish: opts.publish ?? true,
        resolve: resolve as Entry<S>["resolve"],
        reject,
      });
      lane.lastArrival = Date.now();
      if (!lane.running) void this.drain(lane);
    });
  }

  /** The session a zone's lane is pinned to right now, or the least-loaded one. */
  sessionOf(zone: string): S {
    const lane = this.lanes.get(zone);
    return this.options.sessionFor(lane?.slot ?? this.leastLoadedSlot());
  }

  private laneOf(zone: string): Lane<S> {
    let lane = this.lanes.get(zone);
    if (!lane) {
      lane = { zone, queue: [], running: false, slot: undefined, lastArrival: 0 };
      this.lanes.set(zone, lane);
    }
    return lane;
  }

  private leastLoadedSlot(): number {
    let best = 0;
    for (let i = 1; i < this.slotLoad.length; i++) if (this.slotLoad[i] < this.slotLoad[best]) best = i;
    return best;
  }

  private async drain(lane: Lane<S>): Promise<void> {
    lane.running = true;
    // Pin the zone to a session from its first change until its queue is empty (invariant 3).
    lane.slot = this.leastLoadedSlot();
    this.slotLoad[lane.slot]++;
    try {
      while (lane.queue.length > 0) {
        await this.coalesce(lane);
        const batch = takeBatch(lane.queue);
        try {
          await this.execute(lane, batch);
        } catch (error) {
          // Only a broken sessionFor/ensureSession hook gets here; never leave a waiter hanging.
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.slotLoad[lane.slot]--;
      lane.slot = undefined;
      lane.running = false;
      if (lane.queue.length > 0) void this.drain(lane);
      else this.lanes.delete(lane.zone);
    }
  }

  /** Waits for a quiet period of `coalesceMs` (at most `maxCoalesceMs` in all). */
  private async coalesce(lane: Lane<S>): Promise<void> {
    if (this.coalesceMs <= 0) return;
    const deadline = Date.now() + this.maxCoalesceMs;
    for (;;) {
      const now = Date.now();
      const quietAt = lane.lastArrival + this.coalesceMs;
      const wait = Math.min(quietAt, deadline) - now;
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  private async execute(lane: Lane<S>, batch: Entry<S>[]): Promise<void> {
    const session = this.options.sessionFor(lane.slot!);
    const publish = batch[0].publish;
    let values: unknown[] = [];
    let published: P | undefined;
    let failed: { error: unknown; index: number } | undefined;
    for (let attempt = 0; ; attempt++) {
      const replay = attempt > 0;
      try {
        await this.options.ensureSession?.(session);
      } catch (error) {
        failed = { error, index: -1 };
        break;
      }
      const epoch = session.epoch;
      values = [];
      for (let i = 0; i < batch.length; i++) {
        try {
          values.push(await batch[i].op(session, { replay, zone: lane.zone }));
        } catch (error) {
          failed = { error, index: i };
          break;
        }
      }
      if (failed) break;
      if (!publish) break;
      if (session.epoch !== epoch) {
        // The token died mid-batch: its pending changes are gone with it. Replay on the new one.
        if (attempt < this.maxReplays) continue;
        failed = { error: new SessionReplacedError(`the Dyn session was replaced ${attempt + 1} times while changing zone ${lane.zone}`), index: -1 };
        break;
      }
      try {
        published = await this.options.publish(session, lane.zone);
      } catch (error) {
        failed = { error, index: -1 };
        break;
      }
      // A publish answered on a new token published nothing of ours: replay and publish again.
      if (session.epoch !== epoch) {
        if (attempt < this.maxReplays) continue;
        failed = { error: new SessionReplacedError(`the Dyn session was replaced ${attempt + 1} times while publishing zone ${lane.zone}`), index: -1 };
      }
      break;
    }
    if (failed) {
      if (publish) await this.options.discard(session, lane.zone).catch(() => undefined);
      const { error, index } = failed;
      batch.forEach((entry, i) => entry.reject(i === index || (index === -1 && batch.length === 1) ? error : new BatchFailedError(lane.zone, error)));
      return;
    }
    batch.forEach((entry, i) => entry.resolve({ value: values[i], published, batchSize: batch.length }));
  }
}

/** The next batch: all leading publishing changes, or one non-publishing change alone. */
function takeBatch<S>(queue: Entry<S>[]): Entry<S>[] {
  if (!queue[0].publish) return queue.splice(0, 1);
  let n = 0;
  while (n < queue.length && queue[n].publish) n++;
  return queue.splice(0, n);
}
