/**
 * AESCipher: the heir of dyn-python's `dyn.encrypt.AESCipher` (§9), done properly:
 * AES-256-GCM (authenticated, so a wrong key or tampered text is detected instead of yielding
 * garbage), a fresh random IV per message, and the key string stretched to 256 bits with scrypt at
 * the cost OWASP recommends today (N=2^17, r=8, p=1: ~128 MiB and a fraction of a second per
 * derivation) rather than a bare SHA-256 — a key string may be a passphrase, and ciphertext may
 * be copied off the machine (backups), so each offline guess must be expensive.
 *
 * Output: "v2." + base64url(salt[16] ‖ iv[12] ‖ tag[16] ‖ ciphertext) — one printable string. The
 * salt is drawn once per AESCipher instance, so one instance pays scrypt once; "v1." strings (the
 * earlier, cheaper cost) are still read.
 *
 * The sealing itself (`seal`/`open` with a derived key) is shared with the persisted session state.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt, scrypt, scryptSync } from "node:crypto";

const SALT_LEN = 16;
const IV_LEN = 12;
const TAG_LEN = 16;
export const KEY_LEN = 32;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
  maxmem: number;
}
/** OWASP Password Storage Cheat Sheet (scrypt): N=2^17, r=8, p=1. */
export const SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 1 << 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
/** The cost of "v1." strings (read only). */
const V1_COST: Readonly<ScryptCost> = Object.freeze({ N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
const VERSIONS: Readonly<Record<string, ScryptCost>> = { "v1.": V1_COST, "v2.": SCRYPT_COST };
const CURRENT = "v2.";

/** dyn-python's alphabet for generated keys (§9). */
const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*(-_=+)";
export const GENERATED_KEY_LENGTH = 50;

export class CipherError extends Error {
  readonly code = "CIPHER";
  constructor(message: string) {
    super(message);
    this.name = "CipherError";
  }
}

/** iv ‖ tag ‖ ciphertext of `raw` under a 256-bit key. */
export function seal(key: Buffer, raw: string): Buffer {
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LEN });
  const ct = Buffer.concat([cipher.update(raw, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

/** The text `seal` sealed; CipherError for a wrong key, tampering or truncation. */
export function open(key: Buffer, sealed: Buffer): string {
  if (sealed.length < IV_LEN + TAG_LEN) throw new CipherError("cannot decrypt: message is truncated");
  const iv = sealed.subarray(0, IV_LEN);
  const tag = sealed.subarray(IV_LEN, IV_LEN + TAG_LEN);
  const ct = sealed.subarray(IV_LEN + TAG_LEN);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LEN });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new CipherError("cannot decrypt: wrong key or the text was tampered with");
  }
}

/** scrypt off the event loop (SCRYPT_COST). */
export function deriveKey(secret: string, salt: Buffer | string, cost: ScryptCost = SCRYPT_COST): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_LEN, cost, (err, key) => (err ? reject(err) : resolve(key))));
}

export class AESCipher {
  readonly key: string;
  /** This instance's salt for new messages (one scrypt per instance). */
  #salt = randomBytes(SALT_LEN);
  /** Derived keys by version and salt, so repeated decrypts of one message pay scrypt once. */
  #derived = new Map<string, Buffer>();

  /** `key`: any non-empty string; omitted → a fresh `generateKey()`. */
  constructor(key?: string) {
    if (key !== undefined && (typeof key !== "string" || key.length === 0)) {
      throw new CipherError("AESCipher key must be a non-empty string");
    }
    this.key = key ?? AESCipher.generateKey();
    // Keep the key out of util.inspect / JSON output.
    Object.defineProperty(this, "key", { enumerable: false, value: this.key, writable: false });
  }

  /** 50 characters from a cryptographic RNG. */
  static generateKey(length = GENERATED_KEY_LENGTH): string {
    let out = "";
    for (let i = 0; i < length; i++) out += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
    return out;
  }

  encrypt(raw: string): string {
    if (typeof raw !== "string") throw new CipherError("AESCipher.encrypt expects a string");
    return CURRENT + Buffer.concat([this.#salt, seal(this.#keyFor(CURRENT, this.#salt), raw)]).toString("base64url");
  }

  decrypt(enc: string): string {
    const version = typeof enc === "string" ? enc.slice(0, 3) : "";
    if (VERSIONS[version] === undefined) throw new CipherError("cannot decrypt: not an AESCipher v1/v2 string");
    const buf = Buffer.from(enc.slice(version.length), "base64url");
    if (buf.length < SALT_LEN + IV_LEN + TAG_LEN) throw new CipherError("cannot decrypt: message is truncated");
    const salt = buf.subarray(0, SALT_LEN);
    return open(this.#keyFor(version, salt), buf.subarray(SALT_LEN));
  }

  #keyFor(version: string, salt: Buffer): Buffer {
    const id = version + salt.toString("hex");
    let k = this.#derived.get(id);
    if (!k) {
      k = scryptSync(this.key, salt, KEY_LEN, VERSIONS[version]);
      if (this.#derived.size > 16) this.#derived.clear();
      this.#derived.set(id, k);
    }
    return k;
  }
}
