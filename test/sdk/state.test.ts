import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { AESCipher, DynectSession, type EpochEvent, type SessionOptions } from "../../provider/sdk/index";
import { defaultStateDir } from "../../provider/sdk/state-store";
import { ACCOUNT, emulator, sessionOptions, teardown } from "./helpers";

/** Test-only view of the token, to check it never lands on disk in clear. */
class ExposedSession extends DynectSession {
  token(): string | undefined {
    return this.currentToken;
  }
}

describe("persisted session state", () => {
  let emu: RunningEmulator;
  let dir: string;
  let base: SessionOptions;
  const KEY = "state-key-0123456789";
  before(async () => {
    emu = await emulator();
  });
  after(async () => {
    await teardown(emu);
  });
  beforeEach(async () => {
    await DynectSession.closeAll();
    emu.control.reset();
    emu.control.resetMetrics();
    dir = mkdtempSync(join(tmpdir(), "dyn-state-"));
    base = sessionOptions(emu, { stack: "persist", sessionKey: KEY, stateDir: join(dir, "cache") });
  });

  it("save → restore → reuse with no new login", async () => {
    const first = new ExposedSession(base);
    await first.call("GET", "/REST/Zone/");
    const token = first.token()!;
    const files = readdirSync(join(dir, "cache"));
    assert.equal(files.length, 1);
    const file = join(dir, "cache", files[0]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, "cache")).mode & 0o777, 0o700);
    const text = readFileSync(file, "utf8");
    for (const secret of [token, ACCOUNT.password, ACCOUNT.customer, ACCOUNT.user]) assert.ok(!text.includes(secret), "nothing readable on disk");
    // Inside: the password only sealed again with the session key, never in clear.
    const doc = JSON.parse(new AESCipher(KEY).decrypt((JSON.parse(text) as { data: string }).data)) as Record<string, unknown>;
    assert.equal(doc.token, token);
    assert.equal(typeof doc.password, "string");
    assert.ok(!JSON.stringify(doc).includes(ACCOUNT.password), "the password is sealed inside the file too");
    assert.equal(new AESCipher(KEY).decrypt(doc.password as string), ACCOUNT.password);
    await first.detach(); // the process ends without logging out

    const second = new ExposedSession(base);
    const events: EpochEvent[] = [];
    second.onNewToken((e) => events.push(e));
    const res = await second.call("GET", "/REST/Zone/");
    assert.equal(res.status, "success");
    assert.equal(second.token(), token);
    assert.deepEqual(events.map((e) => e.reason), ["restored"]);
    assert.equal(readFileSync(file, "utf8"), text, "restoring reads the file, it does not rewrite it");
    const m = emu.control.metrics();
    assert.equal(m.logins, 1);
    assert.equal(m.logouts, 0);
    await second.close(); // explicit close logs out and forgets the state
    assert.equal(readdirSync(join(dir, "cache")).length, 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a dead persisted token is verified and replaced by a new login", async () => {
    const first = new ExposedSession(base);
    await first.login();
    const old = first.token();
    await first.detach();
    emu.control.expireTokens();
    const second = new ExposedSession(base);
    await second.call("GET", "/REST/Zone/");
    assert.notEqual(second.token(), old);
    assert.equal(emu.control.metrics().logins, 2);
    await second.detach();
    // …and the new token is what the next process restores
    const third = new ExposedSession(base);
    await third.login();
    assert.equal(third.token(), second.token());
    assert.equal(emu.control.metrics().logins, 2);
    await third.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("another key cannot read the state: it logs in and overwrites it", async () => {
    const first = new ExposedSession(base);
    await first.login();
    await first.detach();
    const other = new ExposedSession({ ...base, sessionKey: "a-different-key" });
    await other.login();
    assert.notEqual(other.token(), first.token());
    assert.equal(emu.control.metrics().logins, 2);
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("no key → nothing persisted", async () => {
    const s = new ExposedSession({ ...base, sessionKey: "" });
    assert.equal(s.persistent, false);
    await s.login();
    assert.deepEqual(readdirSync(dir), []);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("default directory: DYN_STATE_DIR, else XDG_CACHE_HOME/pulumi-dyn, else ~/.cache/pulumi-dyn", () => {
    assert.equal(defaultStateDir({ DYN_STATE_DIR: "/x/y" }), "/x/y");
    assert.equal(defaultStateDir({ XDG_CACHE_HOME: "/c" }), join("/c", "pulumi-dyn"));
    assert.match(defaultStateDir({}), /\.cache[/\\]pulumi-dyn$/);
    rmSync(dir, { recursive: true, force: true });
  });
});
