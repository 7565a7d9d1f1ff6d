/**
 * Session tokens (§3): opaque base64 strings like the recorded ones (172 chars, with + / =),
 * idle expiry, and the per-session state DynECT scopes to a token — pending change sets (§3.2)
 * and jobs (§4), plus the "one job per session" bookkeeping (§3.3).
 */
import { randomBytes } from "node:crypto";
import type { Outcome } from "./envelope";
import type { ChangeSet } from "./state";

export interface JobEntry {
  /** undefined while the job is still running */
  outcome?: Outcome;
}

export interface Session {
  token: string;
  customer: string;
  user: string;
  lastUsed: number;
  /** zone name → this session's unpublished changes */
  changes: Map<string, ChangeSet>;
  /** job id → result, retrievable with GET /REST/Job/<id>/ from this session only */
  jobs: Map<number, JobEntry>;
  /** requests or promoted jobs of this token currently in progress */
  busy: number;
}

export type Lookup = { session: Session } | { dead: "bad" | "inactivity" };

// finished jobs kept per session for GET /REST/Job/<id>/ (running ones are always kept); bounded so
// repeated large reads in benchmarks do not pile up
const MAX_JOBS_PER_SESSION = 32;
const MAX_DEAD_TOKENS = 10_000;

export class Sessions {
  private readonly live = new Map<string, Session>();
  /** tokens that died by idle expiry or expire-tokens; anything else unknown is "bad" */
  private readonly inactive = new Set<string>();

  constructor(
    private idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  setIdleTimeout(ms: number): void {
    this.idleTimeoutMs = ms;
  }

  create(customer: string, user: string): Session {
    // 128 random bytes → 172 base64 characters ending in one "=", like the recorded token (§3.1)
    const token = randomBytes(128).toString("base64");
    const s: Session = { token, customer, user, lastUsed: this.now(), changes: new Map(), jobs: new Map(), busy: 0 };
    this.live.set(token, s);
    return s;
  }

  /** Finds a live session; an idle one past the timeout dies here (its change sets with it). */
  lookup(token: string): Lookup {
    const s = this.live.get(token);
    if (!s) return { dead: this.inactive.has(token) ? "inactivity" : "bad" };
    if (s.busy === 0 && this.now() - s.lastUsed > this.idleTimeoutMs) {
      this.kill(s, true);
      return { dead: "inactivity" };
    }
    return { session: s };
  }

  /** Session of a token without expiring or touching it (rate limiting, metrics). */
  peek(token: string): Session | undefined {
    return this.live.get(token);
  }

  touch(s: Session): void {
    s.lastUsed = this.now();
  }

  logout(s: Session): void {
    this.kill(s, false);
  }

  /** Every live token becomes invalid; next use answers `login: inactivity logout`. */
  expireAll(): number {
    const all = [...this.live.values()];
    for (const s of all) this.kill(s, true);
    return all.length;
  }

  /** Drops every session's change sets for a zone (zone deleted). */
  dropZone(zone: string): void {
    for (const s of this.live.values()) s.changes.delete(zone);
  }

  clear(): void {
    this.restart();
    this.inactive.clear();
  }

  /**
   * A service restart: every session dies with its unpublished changes (a request still in flight
   * on one finds an empty change set); its token is then unknown (`login: Bad or expired credentials`).
   */
  restart(): number {
    const all = [...this.live.values()];
    for (const s of all) this.kill(s, false);
    return all.length;
  }

  storeJob(s: Session, jobId: number, entry: JobEntry): void {
    s.jobs.set(jobId, entry);
    if (s.jobs.size > MAX_JOBS_PER_SESSION) {
      for (const [id, j] of s.jobs) {
        if (j.outcome) {
          s.jobs.delete(id);
          break;
        }
      }
    }
  }

  private kill(s: Session, inactivity: boolean): void {
    this.live.delete(s.token);
    s.changes.clear();
    if (inactivity) {
      this.inactive.add(s.token);
      if (this.inactive.size > MAX_DEAD_TOKENS) this.inactive.delete(this.inactive.values().next().value as string);
    }
  }
}
