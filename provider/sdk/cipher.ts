/**
 * AESCipher: the heir of dyn-python's `dyn.encrypt.AESCipher` (§9), done properly:
 * AES-256-GCM (authenticated, so a wrong key or tampered text is detected instead of yielding
 * garbage), a fresh random IV and salt per message, and the key string stretched to 256 bits with
 * scrypt rather than a bare SHA-256.
 *
 * Output: "v1." + base64url(salt[16] ‖ iv[12] ‖ tag[16] ‖ ciphertext) — one printable string.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt, scryptSync } from "node:crypto";

const VERSION = "v1.";
const SALT_LEN = 16;
const IV_LEN = 12;
const TAG_LEN = 16;
const KEY_LEN = 32;
// scrypt cost: ~16 MiB / tens of ms — fine for a password decrypted once per login.
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
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

export class AESCipher {
  readonly key: string;
  /** Derived keys by salt, so repeated decrypts of one message pay scrypt once. */
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
    const salt = randomBytes(SALT_LEN);
    const iv = randomBytes(IV_LEN);
    const cipher = createCipheriv("aes-256-gcm", this.#keyFor(salt), iv, { authTagLength: TAG_LEN });
    const ct = Buffer.concat([cipher.update(raw, "utf8"), cipher.final()]);
    return VERSION + Buffer.concat([salt, iv, cipher.getAuthTag(), ct]).toString("base64url");
  }

  decrypt(enc: string): string {
    if (typeof enc !== "string" || !enc.startsWith(VERSION)) {
      throw new CipherError("cannot decrypt: not an AESCipher v1 string");
    }
    const buf = Buffer.from(enc.slice(VERSION.length), "base64url");
    if (buf.length < SALT_LEN + IV_LEN + TAG_LEN) throw new CipherError("cannot decrypt: message is truncated");
    const salt = buf.subarray(0, SALT_LEN);
    const iv = buf.subarray(SALT_LEN, SALT_LEN + IV_LEN);
    const tag = buf.subarray(SALT_LEN + IV_LEN, SALT_LEN + IV_LEN + TAG_LEN);
    const ct = buf.subarray(SALT_LEN + IV_LEN + TAG_LEN);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#keyFor(salt), iv, { authTagLength: TAG_LEN });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
    } catch {
      throw new CipherError("cannot decrypt: wrong key or the text was tampered with");
    }
  }

  #keyFor(salt: Buffer): Buffer {
    const id = salt.toString("hex");
    let k = this.#derived.get(id);
    if (!k) {
      k = scryptSync(this.key, salt, KEY_LEN, SCRYPT);
      if (this.#derived.size > 16) this.#derived.clear();
      this.#derived.set(id, k);
    }
    return k;
  }
}
