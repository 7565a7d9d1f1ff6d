/**
 * What the zone batcher knows about the deployment driving this provider process, so a batch
 * starts when waiting longer cannot make it bigger:
 *
 * - **announced changes**: `check` of a new resource and a `diff` that finds changes tell us a
 *   create/update for that zone is on its way. The engine's step generator calls them one
 *   resource after the other and schedules each step right after its own check/diff, so the
 *   first change of a wave can arrive before the next resource is checked: while the step
 *   generator is still calling (a check/diff or an arrival less than the batcher's settle time
 *   ago), a lane waits; once it is quiet, what is still announced is what is still coming.
 * - **saturation**: the engine runs at most `--parallel` resource operations at once (default
 *   4 × GOMAXPROCS). When that many are in flight and every one of them is a change parked in a
 *   lane, nothing else can arrive until a batch finishes: start now, whatever else is announced.
 *
 * Both are signals, never promises: an announced change may never come (a failed dependency,
 * `--target`), so a lane starts at the latest `maxWaitMs` after its first change; and where the
 * engine's parallelism could only be recomputed (engine-parallelism.ts), also as soon as it is
 * quiet and every operation in flight is parked.
 */
export class DeploymentActivity {
  readonly #expected = new Map<string, number>();
  readonly #listeners = new Set<() => void>();
  #inFlight = 0;
  #parked = 0;
  #lastArrival = 0;
  #lastCheck = 0;

  /**
   * `parallelism`: how many resource operations the engine runs at once; `exact` when it is what
   * the engine was told (flag, env) rather than a recomputed default.
   */
  constructor(
    readonly parallelism: number,
    readonly exact = true,
  ) {}

  /** The engine's step generator called `check` or `diff` (of any resource). */
  checked(): void {
    this.#lastCheck = Date.now();
  }

  /** When the step generator last called check/diff, or a change last arrived (ms epoch). */
  get lastEvent(): number {
    return Math.max(this.#lastCheck, this.#lastArrival);
  }

  /** A change to `zone` will arrive (a new resource passed `check`, or `diff` found changes). */
  announce(zone: string): void {
    this.#expected.set(zone, (this.#expected.get(zone) ?? 0) + 1);
  }

  /** Changes announced for `zone` that have not arrived yet. */
  expected(zone: string): number {
    return this.#expected.get(zone) ?? 0;
  }

  /** A change to `zone` arrived at its lane; it counts against the announcements (never below 0). */
  arrived(zone: string): void {
    this.#lastArrival = Date.now();
    const n = this.#expected.get(zone) ?? 0;
    if (n <= 1) this.#expected.delete(zone);
    else this.#expected.set(zone, n - 1);
  }

  /** A resource operation (create/read/update/delete) the engine waits on starts … */
  enter(): void {
    this.#inFlight++;
  }

  /** … and ends. */
  leave(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.#notify();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** `n` changes wait in a lane for their batch to start (negative: they started). */
  park(n: number): void {
    this.#parked = Math.max(0, this.#parked + n);
    if (n > 0) this.#notify();
  }

  /** Every operation the engine is waiting on is a change waiting for its batch. */
  get allParked(): boolean {
    return this.#parked > 0 && this.#parked >= this.#inFlight;
  }

  /** …and the engine cannot send more: it already waits on as many operations as it runs at once. */
  get saturated(): boolean {
    return this.allParked && this.#inFlight >= this.parallelism;
  }

  /** Called whenever operations leave or changes park (lanes re-check whether to start). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const l of [...this.#listeners]) l();
  }
}
