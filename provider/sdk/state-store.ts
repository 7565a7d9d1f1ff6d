/**
 * Persisted session state — the fallback when Pulumi secrets are not at hand: every provider
 * process (preview, up, refresh…) can reuse one DynECT token instead of logging in again.
 * Only with a session key (dyn:sessionKey / DYN_SESSION_KEY); the whole file is AESCipher
 * ciphertext (AES-256-GCM), mode 0600 in a 0700 directory, written atomically.
 * Directory: option → $DYN_STATE_DIR → $XDG_CACHE_HOME/pulumi-dyn → ~/.cache/pulumi-dyn.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { AESCipher } from "./cipher";

export const persistedSessionSchema = z.object({
  v: z.literal(1),
  apiUrl: z.string(),
  customer: z.string(),
  user: z.string(),
  token: z.string().min(1),
  /**
   * The password, AESCipher-encrypted with the session key inside the encrypted file: the state
   * format carries it so a process without the password could log in again; nothing does so yet.
   */
  password: z.string(),
  /** When the token was obtained by login. */
  createdAt: z.string(),
  savedAt: z.string(),
});
export type PersistedSession = z.infer<typeof persistedSessionSchema>;

export interface StateIdentity {
  apiUrl: string;
  customer: string;
  user: string;
  stack?: string;
  slot?: number;
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DYN_STATE_DIR) return env.DYN_STATE_DIR;
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.length > 0 ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "pulumi-dyn");
}

export class SessionStateStore {
  readonly dir: string;
  readonly file: string;
  #cipher: AESCipher;

  constructor(identity: StateIdentity, sessionKey: string, dir?: string) {
    this.dir = dir ?? defaultStateDir();
    const id = JSON.stringify([identity.apiUrl, identity.customer, identity.user, identity.stack ?? "", identity.slot ?? 0]);
    this.file = join(this.dir, `session-${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`);
    this.#cipher = new AESCipher(sessionKey);
  }

  /** Encrypts a secret with the session key (used for the password field). */
  seal(raw: string): string {
    return this.#cipher.encrypt(raw);
  }

  async save(state: Omit<PersistedSession, "v" | "savedAt">): Promise<void> {
    const doc: PersistedSession = { v: 1, ...state, savedAt: new Date().toISOString() };
    const payload = JSON.stringify({ format: "pulumi-dyn-session", data: this.#cipher.encrypt(JSON.stringify(doc)) });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await fs.writeFile(tmp, payload, { mode: 0o600, flag: "wx" });
      await fs.chmod(tmp, 0o600); // umask-proof
      await fs.rename(tmp, this.file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** The saved state, or undefined when absent, unreadable with this key, or for another identity. */
  async load(expect: { apiUrl: string; customer: string; user: string }): Promise<PersistedSession | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch {
      return undefined;
    }
    try {
      const outer = z.object({ format: z.literal("pulumi-dyn-session"), data: z.string() }).parse(JSON.parse(text));
      const doc = persistedSessionSchema.parse(JSON.parse(this.#cipher.decrypt(outer.data)));
      if (doc.apiUrl !== expect.apiUrl || doc.customer !== expect.customer || doc.user !== expect.user) return undefined;
      return doc;
    } catch {
      return undefined; // wrong key, tampered or foreign file: ignore, a new login overwrites it
    }
  }

  async remove(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}
