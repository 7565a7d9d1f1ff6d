/**
 * What this provider process is about to publish as new, so that the next process can tell its
 * own creations from someone else's after a crash.
 *
 * The window it closes: a zone's batch is published, and the provider is killed (SIGKILL, a crash,
 * the machine going down) before the engine hears the creates succeed. The records are live, the
 * state knows nothing of them, and the next `pulumi up` would answer "already exists — set adopt:
 * true" for records this project created itself. So before a batch's publish, the keys of the
 * creations in it are written to this process's journal file; the next process that meets
 * "already exists" for one of those keys, written by a process that is gone, takes the object over
 * as its own (as `adopt: true` would) instead of failing.
 *
 * Entries live only as long as they can matter: a create's entry is dropped a few seconds after
 * its answer went to the engine (`settle`), and the whole file when the process ends the way the
 * engine ends providers (SIGINT at the end of a deployment, notes §2) or exits. What a crash
 * leaves behind is taken over by at most one later process: it claims a dead owner's file with an
 * atomic rename and merges its entries into its own file, so they stay claimable should it die too.
 *
 * The files live in the state dir (DYN_STATE_DIR, like saved sessions), per account and per what
 * the engine tells a provider about its project (`scope`: project name and directory), 0600,
 * written atomically; they hold names and record data, never a credential.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { newLeaseOwner, ownerGone, type LeaseOwner } from "../sdk/state-store";
import { addShutdownTask } from "../sdk/shutdown";

/** How long after a create answered its entry is kept (the answer is on its way to the engine). */
const SETTLE_MS = 3_000;

const journalFileSchema = z.object({
  format: z.literal("pulumi-dyn-journal"),
  v: z.literal(1),
  owner: z.object({ id: z.string(), pid: z.number().int(), host: z.string() }),
  entries: z.array(z.string()),
});
type JournalFile = z.infer<typeof journalFileSchema>;

export class CreationJournal {
  readonly #dir: string;
  readonly #owner: LeaseOwner;
  readonly #entries = new Set<string>();
  /** Keys taken over from dead owners' files: this process's own creations from now on. */
  readonly #inherited = new Set<string>();
  #usable = true;

  constructor(stateDir: string, identity: { apiUrl: string; customer: string; scope: string }, owner: LeaseOwner = newLeaseOwner()) {
    const id = createHash("sha256").update(JSON.stringify([identity.apiUrl, identity.customer.toLowerCase(), identity.scope])).digest("hex").slice(0, 32);
    this.#dir = join(stateDir, "journal", id);
    this.#owner = owner;
    addShutdownTask(() => this.close());
  }

  get #file(): string {
    return join(this.#dir, `${this.#owner.id}.json`);
  }

  /** Notes the creations about to be published (best effort: an unusable state dir only loses the crash recovery). */
  note(keys: string[]): void {
    if (keys.length === 0 || !this.#usable) return;
    for (const k of keys) this.#entries.add(k);
    this.#write();
  }

  /** The create of `key` was answered: its entry goes once the answer has surely reached the engine. */
  settle(key: string): void {
    if (!this.#entries.has(key)) return;
    setTimeout(() => {
      if (this.#entries.delete(key)) this.#write();
    }, SETTLE_MS).unref();
  }

  /**
   * True when a process that is gone noted `key` before a publish: the object that "already
   * exists" is this project's own creation. Claims every file of dead owners that holds it.
   */
  takeOver(key: string): boolean {
    if (this.#inherited.has(key)) return true;
    if (!this.#usable) return false;
    let found = false;
    for (const name of this.#files()) {
      const path = join(this.#dir, name);
      const file = read(path);
      if (!file || file.owner.id === this.#owner.id || !file.entries.includes(key) || !ownerGone(file.owner, this.#owner)) continue;
      const claimed = `${path}.claimed-by-${this.#owner.id}`;
      try {
        renameSync(path, claimed); // exactly one process wins a dead owner's file
      } catch {
        continue;
      }
      for (const e of file.entries) {
        this.#entries.add(e);
        this.#inherited.add(e);
      }
      this.#write();
      rmSync(claimed, { force: true });
      found = true;
    }
    return found;
  }

  /** Removes this process's file (its creations were all answered). */
  close(): void {
    this.#entries.clear();
    this.#inherited.clear();
    rmSync(this.#file, { force: true });
  }

  #files(): string[] {
    try {
      return readdirSync(this.#dir).filter((n) => n.endsWith(".json"));
    } catch {
      return [];
    }
  }

  #write(): void {
    try {
      if (this.#entries.size === 0) {
        rmSync(this.#file, { force: true });
        return;
      }
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
      const body: JournalFile = { format: "pulumi-dyn-journal", v: 1, owner: this.#owner, entries: [...this.#entries] };
      const tmp = `${this.#file}.tmp`;
      writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
      renameSync(tmp, this.#file);
    } catch {
      this.#usable = false;
    }
  }
}

function read(path: string): JournalFile | undefined {
  try {
    const parsed = journalFileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : undefined; // a damaged or foreign file is never taken over
  } catch {
    return undefined;
  }
}

/** The journal key of a creation: what kind of object, and what makes it the same object. */
export function creationKey(kind: "zone" | "record" | "recordSet" | "zoneRecords", ...parts: string[]): string {
  return JSON.stringify([kind, ...parts]);
}
