/**
 * Per-zone change lanes (DESIGN invariants 3-5). Changes to one zone are queued, applied in order
 * on one session, and published once per batch; each change resolves only after the publish that
 * contains it succeeded. Unpublished changes belong to the session token (§3.2, §5.2), so when the
 * token was replaced during a batch (session.epoch moved) the batch is replayed on the new token
 * before publishing. Different zones proceed in parallel on up to `maxSessions` sessions.
 *
 * When a batch starts (group commit): once the lane is idle and the engine has settled — no
 * check/diff and no change for `settleMs` — unless changes announced for the zone are still on
 * their way; at once when the engine is saturated (deployment-activity.ts). Changes arriving while
 * a batch runs form the next one. At the engine's default parallelism a wave fills every slot and
 * starts without any wait, however busy the machine is.
 *
 * A change the API refuses for its own data, having left nothing pending (see `isOwnFault`), fails
 * alone and the rest of the batch goes on; if it had written something, the zone's changeset is
 * discarded and the rest is replayed without it. Any other failure (publish, transport, session)
 * discards the changeset and fails every change of the batch with the cause. A discard that cannot
 * be confirmed gives the token up (`abandonToken`): what it left pending dies with it.
 */
import type { DeploymentActivity } from "./deployment-activity";

/** What the batcher needs from a session. */
export interface BatchSession {
  /** Token generation (DynectSession.epoch): moves when a new token is adopted. */
  readonly epoch: number;
  readonly loggedIn: boolean;
  /** Successful mutating calls so far: tells whether a failed change had written anything. */
  readonly writes: number;
  /** Calls queued or running on the session (reads go to the least busy one). */
  readonly pendingCalls: number;
}

export interface BatchContext {
  /** True when the batch runs again (the token was replaced, or a sibling change was dropped); ops must be re-runnable. */
  readonly replay: boolean;
  /** The zone being changed. */
  readonly zone: string;
}

export type ZoneOperation<S, T> = (session: S, ctx: BatchContext) => Promise<T>;

/** Records a change needs read back after its publish (record ids become final then, §6.2). */
export interface ReadBackKey {
  fqdn: string;
  type: string;
}

export interface RunOptions {
  /** Default true. `false`: runs alone in the zone's lane (e.g. a zone delete, which is immediate). */
  publish?: boolean;
  readBack?: ReadBackKey;
  /** A creation's journal key (creation-journal.ts): handed to `beforePublish` with its batch's. */
  journal?: string;
}

export interface ZoneBatcherOptions<S extends BatchSession, P, R> {
  maxSessions: number;
  /** The session of a slot (0 … maxSessions-1); created lazily, logged in by `ensureSession`. */
  sessionFor(slot: number): S;
  /** Makes sure the session holds a token, so `epoch` is meaningful before the first change. */
  ensureSession?(session: S): Promise<void>;
  /**
   * Runs before a batch's changes on its session (after `ensureSession`), e.g. to clear a restored
   * token's stale pending changes in the zone. It may replace the token; the batch then logs in anew.
   */
  prepare?(session: S, zone: string): Promise<void>;
  /** Called right before a batch's publish with the journal keys of its changes (RunOptions.journal). */
  beforePublish?(zone: string, journal: string[]): void;
  publish(session: S, zone: string): Promise<P>;
  /** Drops the session's pending changes of the zone. */
  discard(session: S, zone: string): Promise<void>;
  /**
   * A discard could not be confirmed: gives up the session's token (logout, the next use logs in
   * anew), so the changes left pending on it die with it and no later publish carries them.
   * `epoch` is the token generation the discard failed on.
   */
  abandonToken?(session: S, epoch: number): Promise<void>;
  /** One read, after the publish, of what the batch's changes asked to read back. */
  readBack?(session: S, zone: string, keys: ReadBackKey[]): Promise<R>;
  /** A refusal of the change's own data (bad rdata, already exists): it fails alone. */
  isOwnFault?(error: unknown): boolean;
  /** Deployment signals for when to start a batch; without it a lane starts as soon as it is idle. */
  activity?: DeploymentActivity;
  /** With `activity`: how long without check/diff calls and arrivals counts as settled. Default 100 ms. */
  settleMs?: number;
  /**
   * With `activity`: announced changes still missing count as never coming once every operation in
   * flight is parked and the engine has been silent this long. Default 2 s.
   */
  staleMs?: number;
  /** With `activity`: never hold a change longer than this before starting its batch. Default 10 s. */
  maxWaitMs?: number;
  /** How often a batch is replayed (new token, dropped change) before giving up. Default 3. */
  maxReplays?: number;
  /** Hears what the batcher does (progress shown to the user, deployment/progress.ts). */
  onEvent?(event: BatchEvent<P>): void;
}

/** What a batch did, for progress messages. */
export type BatchEvent<P> =
  | { kind: "published"; zone: string; changes: number; result: P }
  | { kind: "replay"; zone: string; changes: number; why: "token" | "dropped" }
  | { kind: "failed"; zone: string; changes: number; error: unknown };

export interface BatchResult<T, P, R = unknown> {
  value: T;
  /** The result of the publish that contains this change (undefined for `publish: false`, or when the batch wrote nothing). */
  published: P | undefined;
  /** How many changes that publish contained. */
  batchSize: number;
  /** What `readBack` read after the publish (undefined when nothing asked, or when it failed). */
  readBack: R | undefined;
  /** Why the read-back failed, if it did (the change itself is published). */
  readBackError?: unknown;
}

interface Entry<S> {
  op: ZoneOperation<S, unknown>;
  publish: boolean;
  readBack?: ReadBackKey;
  journal?: string;
  resolve(value: BatchResult<unknown, unknown, unknown>): void;
  reject(error: unknown): void;
}

interface Lane<S> {
  zone: string;
  queue: Entry<S>[];
  running: boolean;
  /** When the oldest queued change arrived (0 = none queued). */
  since: number;
  timer: NodeJS.Timeout | undefined;
  scheduled: boolean;
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

export class ZoneBatcher<S extends BatchSession, P = unknown, R = unknown> {
  private readonly lanes = new Map<string, Lane<S>>();
  /** Lanes running a batch on each slot. */
  private readonly slotLoad: number[];
  private readonly laneSlot = new Map<string, number>();
  private readonly settleMs: number;
  private readonly staleMs: number;
  private readonly maxWaitMs: number;
  private readonly maxReplays: number;

  constructor(private readonly options: ZoneBatcherOptions<S, P, R>) {
    if (!Number.isInteger(options.maxSessions) || options.maxSessions < 1) throw new RangeError("maxSessions must be a positive integer");
    this.slotLoad = new Array(options.maxSessions).fill(0);
    this.settleMs = options.settleMs ?? 100;
    this.staleMs = options.staleMs ?? 2000;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.maxReplays = options.maxReplays ?? 3;
    options.activity?.onChange(() => {
      for (const lane of this.lanes.values()) this.consider(lane);
    });
  }

  /**
   * Queues a change to `zone`. With `publish: true` (default) it joins the next batch and resolves
   * after that batch is published; with `publish: false` it runs alone in the zone's lane and
   * resolves when done.
   */
  run<T>(zone: string, op: ZoneOperation<S, T>, opts: RunOptions = {}): Promise<BatchResult<T, P, R>> {
    const lane = this.laneOf(zone);
    return new Promise<BatchResult<T, P, R>>((resolve, reject) => {
      lane.queue.push({
        op: op as ZoneOperation<S, unknown>,
        publish: opts.publish ?? true,
        readBack: opts.readBack,
        journal: opts.journal,
        resolve: resolve as Entry<S>["resolve"],
        reject,
      });
      if (lane.since === 0) lane.since = Date.now();
      this.options.activity?.arrived(zone);
      this.options.activity?.park(1);
      this.schedule(lane);
    });
  }

  /**
   * The session to read `zone` with: the one its running batch is pinned to (reads see that
   * batch's pending changes), else a logged-in session with the fewest calls waiting, else slot 0.
   */
  sessionOf(zone: string): S {
    const slot = this.laneSlot.get(zone);
    return slot !== undefined ? this.options.sessionFor(slot) : this.leastBusySession();
  }

  /** A logged-in session with the fewest calls waiting, else slot 0 — for work outside any zone's lane. */
  leastBusySession(): S {
    let best: S | undefined;
    for (let i = 0; i < this.slotLoad.length; i++) {
      const s = this.options.sessionFor(i);
      if (s.loggedIn && (best === undefined || s.pendingCalls < best.pendingCalls)) best = s;
    }
    return best ?? this.options.sessionFor(0);
  }

  private laneOf(zone: string): Lane<S> {
    let lane = this.lanes.get(zone);
    if (!lane) {
      lane = { zone, queue: [], running: false, since: 0, timer: undefined, scheduled: false };
      this.lanes.set(zone, lane);
    }
    return lane;
  }

  /** Looks at the lane once the current tick's arrivals are in (a burst of run() calls is one batch). */
  private schedule(lane: Lane<S>): void {
    if (lane.scheduled || lane.running) return;
    lane.scheduled = true;
    setImmediate(() => {
      lane.scheduled = false;
      this.consider(lane);
    });
  }

  /** Starts the lane's next batch if waiting longer cannot make it bigger. */
  private consider(lane: Lane<S>): void {
    if (lane.running || lane.scheduled || lane.queue.length === 0) return;
    const activity = this.options.activity;
    const now = Date.now();
    if (activity && lane.queue[0].publish) {
      const waited = now - lane.since;
      const quietFor = now - activity.lastEvent;
      const settleIn = this.settleMs - quietFor;
      const settled = settleIn <= 0;
      // Parallelism only recomputed: once settled, "everything in flight is parked" must do. And
      // announcements go stale: a change checked but never sent (a failed dependency, --target)
      // must not hold the others once the engine has been silent for a while.
      const nothingMore =
        activity.expected(lane.zone) === 0 || (activity.allParked && (!activity.exact || quietFor >= this.staleMs));
      const ready = activity.saturated || waited >= this.maxWaitMs || (settled && nothingMore);
      if (!ready) {
        // Re-check when the engine would count as settled or the maximum wait ends (arrivals and
        // leaving operations re-check too).
        const untilStale = activity.allParked ? this.staleMs - quietFor : Infinity;
        const next = Math.max(1, Math.min(this.maxWaitMs - waited, settled ? untilStale : settleIn));
        if (lane.timer) clearTimeout(lane.timer);
        lane.timer = setTimeout(() => {
          lane.timer = undefined;
          this.consider(lane);
        }, next);
        return;
      }
    }
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    void this.drain(lane);
  }

  /** A slot for a new batch: an idle logged-in session, else an unused one (a new login), else the least busy. */
  private pickSlot(): number {
    let idleLoggedIn = -1;
    let unused = -1;
    let least = 0;
    for (let i = 0; i < this.slotLoad.length; i++) {
      if (this.slotLoad[i] === 0) {
        if (this.options.sessionFor(i).loggedIn) {
          if (idleLoggedIn < 0) idleLoggedIn = i;
        } else if (unused < 0) unused = i;
      }
      if (this.slotLoad[i] < this.slotLoad[least]) least = i;
    }
    return idleLoggedIn >= 0 ? idleLoggedIn : unused >= 0 ? unused : least;
  }

  private async drain(lane: Lane<S>): Promise<void> {
    lane.running = true;
    const batch = takeBatch(lane.queue);
    lane.since = lane.queue.length > 0 ? Date.now() : 0;
    this.options.activity?.park(-batch.length);
    // Pin the zone to a session from its batch's first change until its publish (invariant 3).
    const slot = this.pickSlot();
    this.slotLoad[slot]++;
    this.laneSlot.set(lane.zone, slot);
    try {
      await this.execute(lane.zone, this.options.sessionFor(slot), batch);
    } catch (error) {
      // Only a broken sessionFor/ensureSession hook gets here; never leave a waiter hanging.
      for (const entry of batch) entry.reject(error);
    } finally {
      this.slotLoad[slot]--;
      this.laneSlot.delete(lane.zone);
      lane.running = false;
      if (lane.queue.length > 0) this.consider(lane);
      else if (!lane.scheduled) this.lanes.delete(lane.zone);
    }
  }

  private async execute(zone: string, session: S, batch: Entry<S>[]): Promise<void> {
    const publish = batch[0].publish;
    let live = batch; // the changes still in the batch (own faults drop out)
    const failedAlone = new Set<Entry<S>>();
    let values: unknown[] = [];
    let published: P | undefined;
    let failed: { error: unknown; entry?: Entry<S> } | undefined;
    const writesAtStart = session.writes;
    for (let attempt = 0; ; attempt++) {
      const replay = attempt > 0;
      try {
        await this.options.ensureSession?.(session);
        if (this.options.prepare) {
          await this.options.prepare(session, zone);
          await this.options.ensureSession?.(session);
        }
      } catch (error) {
        failed = { error };
        break;
      }
      const epoch = session.epoch;
      values = [];
      let dropped = false;
      const kept: Entry<S>[] = [];
      for (const entry of live) {
        const writesBefore = session.writes;
        try {
          values.push(await entry.op(session, { replay, zone }));
          kept.push(entry);
        } catch (error) {
          if (publish && this.options.isOwnFault?.(error)) {
            failedAlone.add(entry);
            entry.reject(error);
            if (session.writes !== writesBefore) dropped = true; // it left something pending: start over without it
            continue;
          }
          failed = { error, entry };
          break;
        }
      }
      if (failed) break;
      live = kept;
      if (!publish) break;
      if (dropped) {
        if (attempt < this.maxReplays) {
          await this.discard(session, zone);
          this.options.onEvent?.({ kind: "replay", zone, changes: live.length, why: "dropped" });
          continue;
        }
        failed = { error: new Error(`changes to zone ${zone} were dropped and replayed ${attempt + 1} times`) };
        break;
      }
      if (live.length === 0) return; // every change failed alone: nothing of ours is pending
      if (session.writes === writesAtStart) break; // nothing was written: a publish would only move the serial
      if (session.epoch !== epoch) {
        // The token died mid-batch: its pending changes are gone with it. Replay on the new one.
        if (attempt < this.maxReplays) {
          this.options.onEvent?.({ kind: "replay", zone, changes: live.length, why: "token" });
          continue;
        }
        failed = { error: new SessionReplacedError(`the Dyn session was replaced ${attempt + 1} times while changing zone ${zone}`) };
        break;
      }
      try {
        this.options.beforePublish?.(zone, live.flatMap((e) => (e.journal === undefined ? [] : [e.journal])));
        published = await this.options.publish(session, zone);
      } catch (error) {
        failed = { error };
        break;
      }
      // A publish answered on a new token published nothing of ours: replay and publish again.
      if (session.epoch !== epoch) {
        if (attempt < this.maxReplays) {
          this.options.onEvent?.({ kind: "replay", zone, changes: live.length, why: "token" });
          continue;
        }
        failed = { error: new SessionReplacedError(`the Dyn session was replaced ${attempt + 1} times while publishing zone ${zone}`) };
      }
      break;
    }
    if (failed) {
      if (publish) await this.discard(session, zone);
      this.options.onEvent?.({ kind: "failed", zone, changes: live.length, error: failed.error });
      const { error, entry: culprit } = failed;
      const rest = live.filter((e) => !failedAlone.has(e));
      for (const entry of rest) entry.reject(entry === culprit || (culprit === undefined && rest.length === 1) ? error : new BatchFailedError(zone, error));
      return;
    }
    if (published !== undefined) this.options.onEvent?.({ kind: "published", zone, changes: live.length, result: published });
    const { readBack, readBackError } = await this.readBack(session, zone, live);
    live.forEach((entry, i) => entry.resolve({ value: values[i], published, batchSize: live.length, readBack, readBackError }));
  }

  private async readBack(session: S, zone: string, batch: Entry<S>[]): Promise<{ readBack?: R; readBackError?: unknown }> {
    const keys = batch.flatMap((e) => (e.readBack ? [e.readBack] : []));
    if (keys.length === 0 || !this.options.readBack) return {};
    try {
      return { readBack: await this.options.readBack(session, zone, keys) };
    } catch (error) {
      return { readBackError: error };
    }
  }

  /** Discards the zone's changeset; if that cannot be confirmed, the token is given up with everything pending on it. */
  private async discard(session: S, zone: string): Promise<void> {
    const epoch = session.epoch;
    try {
      await this.options.discard(session, zone);
    } catch {
      await this.options.abandonToken?.(session, epoch);
    }
  }
}

/** The next batch: all leading publishing changes, or one non-publishing change alone. */
function takeBatch<S>(queue: Entry<S>[]): Entry<S>[] {
  if (!queue[0].publish) return queue.splice(0, 1);
  let n = 0;
  while (n < queue.length && queue[n].publish) n++;
  return queue.splice(0, n);
}
