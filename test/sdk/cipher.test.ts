import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AESCipher, CipherError, GENERATED_KEY_LENGTH } from "../../provider/sdk/index";
import { SCRYPT_COST } from "../../provider/sdk/cipher";

describe("AESCipher", () => {
  it("round-trips text, including non-ASCII and empty strings", () => {
    const c = new AESCipher("my key");
    for (const raw of ["p@55w0rd", "", "pässwörd ✓ 密码", "x".repeat(5000)]) assert.equal(c.decrypt(c.encrypt(raw)), raw);
  });

  it("produces one printable string with a fresh IV per message", () => {
    const c = new AESCipher("k");
    const a = c.encrypt("same");
    const b = c.encrypt("same");
    assert.notEqual(a, b);
    assert.match(a, /^v2\.[A-Za-z0-9_-]+$/);
    assert.ok(!a.includes("same"));
  });

  it("decrypts with another instance holding the same key", () => {
    const enc = new AESCipher("shared").encrypt("hello");
    assert.equal(new AESCipher("shared").decrypt(enc), "hello");
  });

  it("rejects a wrong key with a clear error", () => {
    const enc = new AESCipher("right").encrypt("secret");
    assert.throws(() => new AESCipher("wrong").decrypt(enc), (e: unknown) => e instanceof CipherError && /wrong key or the text was tampered/.test(e.message));
  });

  it("detects tampering anywhere in the message", () => {
    const c = new AESCipher("k");
    const enc = c.encrypt("secret value");
    const body = Buffer.from(enc.slice(3), "base64url");
    for (const pos of [0, 20, 35, body.length - 1]) {
      const t = Buffer.from(body);
      t[pos] ^= 0x01;
      assert.throws(() => c.decrypt(`v2.${t.toString("base64url")}`), CipherError);
    }
    assert.throws(() => c.decrypt("v2.AAAA"), /truncated/);
    assert.throws(() => c.decrypt("not encrypted"), /not an AESCipher/);
  });

  it("generates 50-character keys from a cryptographic RNG", () => {
    const keys = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const k = AESCipher.generateKey();
      assert.equal(k.length, GENERATED_KEY_LENGTH);
      assert.equal(k.length, 50);
      keys.add(k);
    }
    assert.equal(keys.size, 50);
  });

  it("generates a key when none is given and never exposes it by enumeration", () => {
    const c = new AESCipher();
    assert.equal(c.key.length, 50);
    assert.ok(!JSON.stringify(c).includes(c.key));
    assert.equal(c.decrypt(c.encrypt("x")), "x");
  });

  it("stretches the key with scrypt at OWASP's cost (N=2^17, r=8, p=1)", () => {
    assert.deepEqual({ N: SCRYPT_COST.N, r: SCRYPT_COST.r, p: SCRYPT_COST.p }, { N: 131072, r: 8, p: 1 });
  });

  it("still reads v1 strings (the earlier, cheaper scrypt cost)", () => {
    const v1 = "v1.7f5eOFBM9vvcx2YnXlVmdCdwK0yTAezXns3YC6BvZMh-bB2fOnhjAWd2rosmI9gVydG2ccCjwrAGMQ";
    assert.equal(new AESCipher("legacy key").decrypt(v1), "written by 0.1");
  });

  it("refuses an empty key", () => {
    assert.throws(() => new AESCipher(""), CipherError);
  });
});
