/**
 * The rate budget's sliding window shared by every process of this machine (§3.4: DynECT counts
 * requests per customer account, across users, tokens and processes, and locks the whole account
 * out for up to 60 s past 300/min). Two stacks deploying on one account at once each stay under
 * the limit alone and trip it together; one small file per API URL × customer in the state dir
 * holds the send times of the last minute and any pause after a 429, read and written under a
 * lock file. Other machines on the same account are not seen (README: lower dyn:requestsPerMinute).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { BUDGET_WINDOW_MS as WINDOW_MS } from "./budget-window";

/** A lock held longer than this is a crashed holder's: taken over. */
const STALE_LOCK_MS = 2_000;

const windowSchema = z.object({ sent: z.array(z.number()), pausedUntil: z.number() });
type Window = z.infer<typeof windowSchema>;

export class SharedRateWindow {
  readonly file: string;
  readonly #lock: string;

  constructor(
    readonly dir: string,
    apiUrl: string,
    customer: string,
  ) {
    const id = createHash("sha256").update(JSON.stringify([apiUrl, customer.toLowerCase()])).digest("hex").slice(0, 32);
    this.file = join(dir, `rate-${id}.json`);
    this.#lock = `${this.file}.lock`;
  }

  /**
   * Takes one send slot of `perMinute` if the window has one (returns 0), else returns how long
   * to wait before asking again. Throws when the state dir cannot be used (the caller falls back).
   */
  async take(perMinute: number, now = Date.now()): Promise<number> {
    return this.#locked(async (w) => {
      w.sent = w.sent.filter((t) => t > now - WINDOW_MS && t <= now + WINDOW_MS);
      if (w.pausedUntil > now) return { wait: w.pausedUntil - now, write: false };
      if (w.sent.length < perMinute) {
        w.sent.push(now);
        return { wait: 0, write: true };
      }
      const oldest = Math.min(...w.sent);
      return { wait: Math.max(1, oldest + WINDOW_MS - now + 1), write: false };
    });
  }

  /** Holds every process's requests of this customer until `until` (after a 429). */
  async pauseUntil(until: number): Promise<void> {
    await this.#locked(async (w) => {
      if (until <= w.pausedUntil) return { wait: 0, write: false };
      w.pausedUntil = until;
      return { wait: 0, write: true };
    });
  }

  async #locked(fn: (w: Window) => Promise<{ wait: number; write: boolean }>): Promise<number> {
    await this.#acquireLock();
    try {
      const w = await this.#read();
      const { wait, write } = await fn(w);
      if (write) await fs.writeFile(this.file, JSON.stringify(w), { mode: 0o600 });
      return wait;
    } finally {
      await fs.rm(this.#lock, { force: true });
    }
  }

  async #read(): Promise<Window> {
    try {
      return windowSchema.parse(JSON.parse(await fs.readFile(this.file, "utf8")));
    } catch {
      return { sent: [], pausedUntil: 0 }; // none yet, or damaged by a crash: start afresh
    }
  }

  async #acquireLock(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (let attempt = 0; ; attempt++) {
      try {
        const h = await fs.open(this.#lock, "wx", 0o600);
        await h.close();
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const age = await fs.stat(this.#lock).then((st) => Date.now() - st.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await fs.rm(this.#lock, { force: true });
      else await new Promise((r) => setTimeout(r, Math.min(20, 1 + attempt)));
    }
  }
}
