/**
 * Persisted session state — the fallback when Pulumi secrets are not at hand: every provider
 * process (preview, up, refresh…) can reuse one DynECT token instead of logging in again.
 * Only with a session key (dyn:sessionKey / DYN_SESSION_KEY). A token is exclusive:
 *
 *  - `<base>.json` holds a token free for the next process — only ever written for a token with
 *    no unpublished changes (the session decides; `release`), and never over another one;
 *  - a process takes it by renaming it to its own lease, `<base>.lease.<owner>` (an atomic claim:
 *    two processes can never both get it), and keeps the lease while it uses the token — also a
 *    freshly logged-in one, so a process killed mid-run leaves its token where the next one finds it;
 *  - a lease names its owner (pid, host, random id) and an expiry the owner renews; a lease whose
 *    owner is gone (same host, no such pid) or that expired is reaped: its token is logged out, so
 *    whatever it left pending dies with it (§3.2), and it is never restored.
 *
 * Nothing else is stored: no password. Token and account are sealed with AES-256-GCM under a key
 * derived from the session key by scrypt (cipher.ts cost), salted by the account; the file name is
 * an HMAC under that key of the account, the scope (for the provider: the Pulumi project and its
 * directory — the engine does not tell a provider which stack runs) and the session slot.
 * Files are 0600 in a 0700 directory, written atomically.
 * Directory: option → $DYN_STATE_DIR → $XDG_CACHE_HOME/pulumi-dyn → ~/.cache/pulumi-dyn.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { homedir, hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { deriveKey, open, seal } from "./cipher";

export const persistedSessionSchema = z.object({
  v: z.literal(2),
  apiUrl: z.string(),
  customer: z.string(),
  user: z.string(),
  token: z.string().min(1),
  /** When the token was obtained by login. */
  createdAt: z.string(),
  savedAt: z.string(),
});
export type PersistedSession = z.infer<typeof persistedSessionSchema>;

const savedFileSchema = z.object({ format: z.literal("pulumi-dyn-session"), v: z.literal(2), data: z.string() });
const leaseFileSchema = z.object({
  format: z.literal("pulumi-dyn-lease"),
  v: z.literal(2),
  owner: z.object({ id: z.string(), pid: z.number().int(), host: z.string() }),
  expiresAt: z.number(),
  data: z.string(),
});

export interface StateIdentity {
  apiUrl: string;
  customer: string;
  user: string;
  /** What else tells saved sessions apart (SessionOptions.stateScope). */
  scope?: string;
  slot?: number;
}

/** Who holds a lease: this process, told apart from any other on any host. */
export interface LeaseOwner {
  id: string;
  pid: number;
  host: string;
}

/** Owners alive in this process (a lease with our pid but another id is a previous process's: pid reuse). */
const liveOwners = new Set<string>();

/** A new owner (one per session instance); `retire` it when its session is done. */
export function newLeaseOwner(): LeaseOwner {
  const host = hostname();
  const owner = { id: `${process.pid}-${host.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}-${randomBytes(6).toString("hex")}`, pid: process.pid, host };
  liveOwners.add(owner.id);
  return owner;
}

export function retireLeaseOwner(owner: LeaseOwner): void {
  liveOwners.delete(owner.id);
}

/** A lease not renewed for this long counts as abandoned (its owner renews it every third of it). */
export const DEFAULT_LEASE_MS = 10 * 60_000;

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DYN_STATE_DIR) return env.DYN_STATE_DIR;
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.length > 0 ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "pulumi-dyn");
}

/** One derivation per session key and account per process (scrypt is deliberately slow). */
const derivedKeys = new Map<string, Promise<Buffer>>();
function keyFor(sessionKey: string, identity: StateIdentity): Promise<Buffer> {
  const salt = JSON.stringify(["pulumi-dyn/session-state/v2", identity.apiUrl, identity.customer, identity.user]);
  const id = createHash("sha256").update(salt).update("\u0000").update(sessionKey).digest("hex");
  let key = derivedKeys.get(id);
  if (!key) {
    key = deriveKey(sessionKey, salt);
    derivedKeys.set(id, key);
    key.catch(() => derivedKeys.delete(id));
  }
  return key;
}

export class SessionStateStore {
  readonly dir: string;
  readonly leaseMs: number;
  readonly #identity: StateIdentity;
  readonly #sessionKey: string;
  #base: Promise<string> | undefined;

  constructor(identity: StateIdentity, sessionKey: string, dir?: string, leaseMs = DEFAULT_LEASE_MS) {
    this.dir = dir ?? defaultStateDir();
    this.leaseMs = leaseMs;
    this.#identity = identity;
    this.#sessionKey = sessionKey;
  }

  /** `<dir>/session-<hmac>`: the common start of this identity's file names. */
  base(): Promise<string> {
    this.#base ??= keyFor(this.#sessionKey, this.#identity).then((key) => {
      const i = this.#identity;
      const id = createHmac("sha256", key).update(JSON.stringify([i.apiUrl, i.customer, i.user, i.scope ?? "", i.slot ?? 0])).digest("hex");
      return join(this.dir, `session-${id.slice(0, 32)}`);
    });
    return this.#base;
  }

  /**
   * Takes the saved token, if there is one for this identity and key: it becomes this owner's
   * lease (no other process can take it any more). Undefined when there is none or it is unreadable.
   */
  async claim(owner: LeaseOwner): Promise<PersistedSession | undefined> {
    const base = await this.base();
    const lease = leasePath(base, owner);
    try {
      await fs.rename(`${base}.json`, lease);
    } catch {
      return undefined; // none saved (or another process took it first)
    }
    const saved = await this.#read(lease, savedFileSchema).catch(() => undefined);
    if (!saved) {
      await fs.rm(lease, { force: true });
      return undefined;
    }
    await this.hold(owner, saved.token, saved.createdAt);
    return saved;
  }

  /** Records (or renews) this owner's lease on `token`. */
  async hold(owner: LeaseOwner, token: string, createdAt: string): Promise<void> {
    const base = await this.base();
    const data = await this.#seal(token, createdAt);
    await this.#write(leasePath(base, owner), { format: "pulumi-dyn-lease", v: 2, owner, expiresAt: Date.now() + this.leaseMs, data });
  }

  /**
   * Ends this owner's lease, leaving `token` for the next process — unless a token is saved
   * already (another process released one meanwhile): then false, and the caller logs ours out.
   */
  async release(owner: LeaseOwner, token: string, createdAt: string): Promise<boolean> {
    const base = await this.base();
    const data = await this.#seal(token, createdAt);
    const tmp = await this.#writeTemp(base, { format: "pulumi-dyn-session", v: 2, data });
    try {
      await fs.link(tmp, `${base}.json`); // fails if one exists: never overwrite a saved token
      return true;
    } catch {
      return false;
    } finally {
      await fs.rm(tmp, { force: true });
      await fs.rm(leasePath(base, owner), { force: true });
    }
  }

  /** The saved token without taking it (diagnostics and tests); undefined when none or unreadable. */
  async peek(): Promise<PersistedSession | undefined> {
    return this.#read(`${await this.base()}.json`, savedFileSchema).catch(() => undefined);
  }

  /** Ends this owner's lease without saving anything. */
  async drop(owner: LeaseOwner): Promise<void> {
    await fs.rm(leasePath(await this.base(), owner), { force: true });
  }

  /**
   * Reaps leases of this identity whose owner is gone or that expired: each is taken (renamed,
   * so one reaper wins), its token handed to `logout`, and the file removed. Returns how many.
   */
  async reap(owner: LeaseOwner, logout: (token: string) => Promise<void>): Promise<number> {
    const base = await this.base();
    const prefix = `${base.slice(this.dir.length + 1)}.lease.`;
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return 0;
    }
    let reaped = 0;
    for (const name of names) {
      if (!name.startsWith(prefix) || name === `${prefix}${owner.id}`) continue;
      const path = join(this.dir, name);
      const lease = await readJson(path, leaseFileSchema);
      if (!lease || !abandoned(lease, owner)) continue;
      const taken = `${base}.reap.${owner.id}.${randomBytes(4).toString("hex")}`;
      try {
        await fs.rename(path, taken);
      } catch {
        continue; // another process reaps it
      }
      try {
        const doc = await this.#open(lease.data).catch(() => undefined);
        if (doc) await logout(doc.token).catch(() => undefined);
        reaped++;
      } finally {
        await fs.rm(taken, { force: true });
      }
    }
    return reaped;
  }

  async #seal(token: string, createdAt: string): Promise<string> {
    const i = this.#identity;
    const doc: PersistedSession = { v: 2, apiUrl: i.apiUrl, customer: i.customer, user: i.user, token, createdAt, savedAt: new Date().toISOString() };
    return seal(await keyFor(this.#sessionKey, i), JSON.stringify(doc)).toString("base64url");
  }

  async #open(data: string): Promise<PersistedSession | undefined> {
    const doc = persistedSessionSchema.parse(JSON.parse(open(await keyFor(this.#sessionKey, this.#identity), Buffer.from(data, "base64url"))));
    const i = this.#identity;
    return doc.apiUrl === i.apiUrl && doc.customer === i.customer && doc.user === i.user ? doc : undefined;
  }

  async #read(path: string, schema: z.ZodType<{ data: string }>): Promise<PersistedSession | undefined> {
    const outer = await readJson(path, schema);
    return outer ? this.#open(outer.data) : undefined;
  }

  async #write(path: string, doc: unknown): Promise<void> {
    const tmp = await this.#writeTemp(await this.base(), doc);
    try {
      await fs.rename(tmp, path);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async #writeTemp(base: string, doc: unknown): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await fs.writeFile(tmp, JSON.stringify(doc), { mode: 0o600, flag: "wx" });
      await fs.chmod(tmp, 0o600); // umask-proof
      return tmp;
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }
}

function leasePath(base: string, owner: LeaseOwner): string {
  return `${base}.lease.${owner.id}`;
}

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    return schema.parse(JSON.parse(await fs.readFile(path, "utf8")));
  } catch {
    return undefined; // absent, foreign or damaged
  }
}

/** The lease's owner is gone (same host, no such process) or it was not renewed in time. */
function abandoned(lease: z.infer<typeof leaseFileSchema>, me: LeaseOwner): boolean {
  return lease.expiresAt <= Date.now() || ownerGone(lease.owner, me);
}

/** `owner` is known to be gone: it ran on this host and no such process (or owner in this process) lives. */
export function ownerGone(owner: LeaseOwner, me: LeaseOwner): boolean {
  if (owner.host !== me.host) return false;
  if (owner.pid === me.pid) return !liveOwners.has(owner.id);
  return !processAlive(owner.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
