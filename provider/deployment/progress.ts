/**
 * What the provider is doing, shown while `pulumi up`/`refresh` runs: publishes, re-logins and the
 * replays they cause, retries, and every wait for DynECT's rate limit — a 60-second lock-out must
 * never look like a hang.
 *
 * Where the messages go: the Node dynamic-provider host gives a provider neither the resource's URN
 * nor a connection to the engine's log (its create/read/update/delete get only the properties), so
 * a diagnostic cannot be attached to the resource. Since Pulumi 3.146 the engine passes a dynamic
 * provider's stderr through: `pulumi up` shows each line as it happens, on the stack
 * (`pulumi:pulumi:Stack … pulumi-dyn: …`), and lists them again under "Diagnostics" at the end.
 * So: one line per event on stderr, prefixed `pulumi-dyn:`; long waits repeat every 15 s with the
 * time left. Never a token or a password: messages name zones, calls (method + path) and DynECT's
 * message texts only. DYN_QUIET=1 keeps everything but waits and failures quiet.
 */
import type { RetryEvent, ThrottleEvent, ZoneInfo } from "../sdk";
import type { BatchEvent } from "./zone-batcher";

const HEARTBEAT_MS = 15_000;
/** Waits shorter than this are not worth a message (ordinary back-off, pacing by a few ms). */
const SHOW_WAITS_FROM_MS = 2_000;

export type Write = (line: string) => void;

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

export class Progress {
  readonly #write: Write;
  readonly #quiet: boolean;
  /** Until when a wait of each kind was already announced (several calls wait for one pause). */
  readonly #announcedUntil = new Map<string, number>();

  constructor(write: Write = (line) => process.stderr.write(`${line}\n`), quiet = process.env.DYN_QUIET === "1") {
    this.#write = write;
    this.#quiet = quiet;
  }

  info(message: string): void {
    if (!this.#quiet) this.#write(`pulumi-dyn: ${message}`);
  }

  warn(message: string): void {
    this.#write(`pulumi-dyn: ${message}`);
  }

  /** Announces a wait once (and again every 15 s while it lasts). */
  wait(kind: string, ms: number, message: string): void {
    if (ms < SHOW_WAITS_FROM_MS) return;
    const until = Date.now() + ms;
    if ((this.#announcedUntil.get(kind) ?? 0) >= until - 1000) return;
    this.#announcedUntil.set(kind, until);
    this.warn(`${message}: waiting ${seconds(ms)}`);
    const tick = setInterval(() => {
      const left = until - Date.now();
      if (left < 1000 || this.#announcedUntil.get(kind) !== until) return clearInterval(tick);
      this.warn(`… still waiting for ${kind} (${seconds(left)} left)`);
    }, HEARTBEAT_MS);
    tick.unref();
  }

  batch(e: BatchEvent<ZoneInfo>): void {
    switch (e.kind) {
      case "published":
        return this.info(`published zone ${e.zone} (${e.changes} change${e.changes === 1 ? "" : "s"}, serial ${e.result.serial})`);
      case "replay":
        return this.warn(
          e.why === "token"
            ? `zone ${e.zone}: the DynECT session was replaced mid-batch (its unpublished changes are gone with the old token); replaying ${e.changes} change(s) on the new one`
            : `zone ${e.zone}: a change was refused after writing part of itself; discarded the zone's pending changes, replaying the other ${e.changes}`,
        );
      case "failed":
        return this.warn(`zone ${e.zone}: ${e.changes} change(s) not applied, pending changes discarded: ${e.error instanceof Error ? e.error.message : String(e.error)}`);
    }
  }

  retry(e: RetryEvent): void {
    const where = `${e.call.method} ${e.call.path}`;
    if (e.code === "RATE_LIMITED") return this.wait("DynECT's rate limit", e.delayMs, `DynECT's account-wide rate limit answered ${where} with 429 (every session of the account is paused)`);
    if (e.code === "BLOCKED_BY_TASK") return this.wait(`a zone task (${where})`, e.delayMs, `DynECT says a zone task is running (${where}); retrying`);
    this.info(`retrying ${where} in ${seconds(e.delayMs)} (${e.reason}: ${e.message})`);
  }

  throttle(e: ThrottleEvent): void {
    if (e.reason === "paused") return this.wait("DynECT's rate limit", e.ms, "requests of the account are paused after a 429");
    this.wait("the request budget", e.ms, `pacing requests to stay under ${e.perMinute} per minute for the account (dyn:requestsPerMinute)`);
  }

  relogin(): void {
    this.warn("the DynECT session token expired or was invalidated; logged in again");
  }
}
