/**
 * Fault injection switched by tests through /__emulator/* (never through /REST/): per-request
 * latency, failing the next N matching requests, promoting requests to slow jobs (§4) and
 * zones blocked by a running system task (§2.3 "Operation blocked by current task").
 */
import type { Task } from "./state";

/**
 * How a matching request fails. None but `reset-after` applies the request.
 * - `http500` / `http503`: a failure envelope (INTERNAL_ERROR / SERVICE_UNAVAILABLE)
 * - `reset-before` / `reset-after`: the socket is destroyed before / after applying the request
 * - `job-running`: the §3.3 refusal "This session already has a job running" (HTTP 400, `running`)
 * - malformed replies, as a broken front end or proxy might send them:
 *   `invalid-json` (HTTP 200, a truncated JSON body), `wrong-envelope` (HTTP 200, JSON that is no
 *   envelope), `html-error` (HTTP 502 with an HTML error page), `failure-200` (HTTP 200 with a
 *   failure envelope)
 */
export type FailMode =
  | "http500"
  | "http503"
  | "reset-before"
  | "reset-after"
  | "job-running"
  | "invalid-json"
  | "wrong-envelope"
  | "html-error"
  | "failure-200";
export const FAIL_MODES: readonly FailMode[] = [
  "http500",
  "http503",
  "reset-before",
  "reset-after",
  "job-running",
  "invalid-json",
  "wrong-envelope",
  "html-error",
  "failure-200",
];

/** Fail the next `count` requests that match; `count` 0 clears the rule. */
export interface FailRule {
  count: number;
  mode: FailMode;
  /** a substring of "<METHOD> <path>?<query>"; absent or "" matches every /REST/ request */
  match?: string;
  /** only requests with this HTTP method (emulator addition: e.g. every POST of a record type) */
  method?: string;
}

export interface FaultOptions {
  /** added before every /REST/ request is processed (the session counts as busy meanwhile) */
  latencyMs?: number;
  /**
   * One rule or several (replacing the rules set before); a request takes the first rule that
   * matches, consuming one from its count. `[]` or a count of 0 clears.
   */
  failNext?: FailRule | FailRule[];
  /**
   * every live token expires right after the `count`-th matching request was applied (once;
   * count 0 clears) — a token dying mid-batch at a point the test chooses, not at a moment in time
   */
  expireTokensAfter?: { count: number; match?: string };
}

export interface SlowOptions {
  /** "off" clears slow mode (emulator addition) */
  mode: "redirect" | "incomplete" | "off";
  match?: string;
  /** how long the promoted job runs before its result is available */
  jobMs: number;
  /** the job runs until released (`POST /__emulator/jobs/release`), whatever `jobMs` says */
  hold?: boolean;
  /** how many matching requests to promote; unlimited when absent */
  count?: number;
}

export interface BlockZoneOptions {
  zone: string;
  /** refuse this many edit requests (default 1 when `ms` is absent too) */
  requests?: number;
  /** refuse edits for this long */
  ms?: number;
  taskName?: string;
}

interface Block {
  task: Task;
  remaining?: number;
  until?: number;
}

function matches(match: string | undefined, key: string): boolean {
  return match === undefined || match === "" || key.includes(match);
}

/** `key` is "<METHOD> <path>?<query>". */
function ruleMatches(rule: { match?: string; method?: string }, key: string): boolean {
  if (rule.method !== undefined && rule.method !== "" && !key.startsWith(`${rule.method.toUpperCase()} `)) return false;
  return matches(rule.match, key);
}

export class Faults {
  latencyMs = 0;
  private failRules: { remaining: number; mode: FailMode; match?: string; method?: string }[] = [];
  private expireAfter: { remaining: number; match?: string } | undefined;
  private slow: { mode: "redirect" | "incomplete"; match?: string; jobMs: number; hold: boolean; remaining?: number } | undefined;
  private readonly blocks = new Map<string, Block>();
  /** Slow jobs held until released (SlowOptions.hold), in arrival order. */
  private readonly held: (() => void)[] = [];

  constructor(
    private readonly onUnblock: (task: Task) => void,
    private readonly now: () => number = Date.now,
  ) {}

  set(opts: FaultOptions): void {
    if (opts.latencyMs !== undefined) this.latencyMs = Math.max(0, Number(opts.latencyMs) || 0);
    if (opts.failNext !== undefined) {
      const rules = Array.isArray(opts.failNext) ? opts.failNext : [opts.failNext];
      this.failRules = rules.filter((r) => r.count > 0).map(({ count, mode, match, method }) => ({ remaining: count, mode, match, method }));
    }
    if (opts.expireTokensAfter !== undefined) {
      const { count, match } = opts.expireTokensAfter;
      this.expireAfter = count > 0 ? { remaining: count, match } : undefined;
    }
  }

  /** True once, right after the `count`-th request matching `expireTokensAfter`. */
  expiryDue(key: string): boolean {
    const e = this.expireAfter;
    if (!e || !matches(e.match, key)) return false;
    if (--e.remaining > 0) return false;
    this.expireAfter = undefined;
    return true;
  }

  setSlow(opts: SlowOptions): void {
    this.slow = opts.mode === "off" || opts.count === 0 ? undefined : { mode: opts.mode, match: opts.match, jobMs: opts.jobMs, hold: opts.hold === true, remaining: opts.count };
  }

  /** The failure to inject for this request, consuming one from the budget. */
  takeFailure(key: string): FailMode | undefined {
    const rule = this.failRules.find((r) => ruleMatches(r, key));
    if (!rule) return undefined;
    if (--rule.remaining <= 0) this.failRules = this.failRules.filter((r) => r !== rule);
    return rule.mode;
  }

  takeSlow(key: string): { mode: "redirect" | "incomplete"; jobMs: number; hold: boolean } | undefined {
    const s = this.slow;
    if (!s || !matches(s.match, key)) return undefined;
    if (s.remaining !== undefined && --s.remaining <= 0) this.slow = undefined;
    return { mode: s.mode, jobMs: s.jobMs, hold: s.hold };
  }

  /** Keeps a slow job running until `releaseHeld()`. */
  hold(finish: () => void): void {
    this.held.push(finish);
  }

  /** Forgets every held job without finishing it (a restart); returns how many there were. */
  dropHeld(): number {
    return this.held.splice(0).length;
  }

  /** Finishes every held job now (in arrival order); returns how many there were. */
  releaseHeld(): number {
    const jobs = this.held.splice(0);
    for (const finish of jobs) finish();
    return jobs.length;
  }

  block(zone: string, task: Task, requests?: number, ms?: number): void {
    const b: Block = { task };
    if (ms !== undefined && ms > 0) b.until = this.now() + ms;
    if (requests !== undefined && requests > 0) b.remaining = requests;
    if (b.until === undefined && b.remaining === undefined) b.remaining = 1;
    const old = this.blocks.get(zone);
    if (old) this.onUnblock(old.task);
    this.blocks.set(zone, b);
  }

  /** The task blocking edits of `zone`, if any; each call counts as one refused request. */
  blockedBy(zone: string): Task | undefined {
    const b = this.current(zone);
    if (!b) return undefined;
    if (b.remaining !== undefined && --b.remaining <= 0) this.unblock(zone, b);
    return b.task;
  }

  /** Expires time-based blocks (so GET /REST/Task/ shows "complete" once the block is over). */
  refresh(): void {
    for (const zone of [...this.blocks.keys()]) this.current(zone);
  }

  reset(): void {
    for (const [zone, b] of [...this.blocks]) this.unblock(zone, b);
    this.latencyMs = 0;
    this.failRules = [];
    this.expireAfter = undefined;
    this.slow = undefined;
    this.held.length = 0;
  }

  private current(zone: string): Block | undefined {
    const b = this.blocks.get(zone);
    if (b && b.until !== undefined && this.now() >= b.until) {
      this.unblock(zone, b);
      return undefined;
    }
    return b;
  }

  private unblock(zone: string, b: Block): void {
    this.blocks.delete(zone);
    this.onUnblock(b.task);
  }
}
