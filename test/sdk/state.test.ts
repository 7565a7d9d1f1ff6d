/**
 * Persisted session state (dyn:sessionKey): a saved token is exclusive — taken by one session at a
 * time (a lease), never saved while it holds unpublished changes, never shared by two live
 * sessions — and the file holds no password.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, createRecord, createZone, publishZone, type EpochEvent, type SessionOptions } from "../../provider/sdk/index";
import { SessionStateStore, defaultStateDir } from "../../provider/sdk/state-store";
import { ACCOUNT, emulator, sessionOptions, teardown, uniqueZone } from "./helpers";

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
  const cache = () => join(dir, "cache");
  const files = () => readdirSync(cache()).filter((f) => f.startsWith("session-")).sort();
  const store = (o: SessionOptions = base) => new SessionStateStore({ apiUrl: emu.url, customer: o.customerName, user: o.userName, scope: o.stack, slot: 0 }, o.sessionKey!, cache());
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
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("leases the token while in use, leaves it on detach, and the next session reuses it without a login", async () => {
    const first = new ExposedSession(base);
    await first.call("GET", "/REST/Zone/");
    const token = first.token()!;
    assert.equal(files().length, 1);
    assert.match(files()[0], /^session-[0-9a-f]{32}\.lease\./, "a token in use is leased");
    await first.detach(); // the process ends without logging out
    assert.deepEqual(files().map((f) => f.replace(/[0-9a-f]{32}/, "…")), ["session-….json"], "left for the next process");
    const file = join(cache(), files()[0]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(cache()).mode & 0o777, 0o700);
    const text = readFileSync(file, "utf8");
    for (const secret of [token, ACCOUNT.password, ACCOUNT.customer, ACCOUNT.user]) assert.ok(!text.includes(secret), "nothing readable on disk");
    const doc = await store().peek();
    assert.equal(doc?.token, token);
    assert.deepEqual(Object.keys(doc!).sort(), ["apiUrl", "createdAt", "customer", "savedAt", "token", "user", "v"], "no password in the state");

    const second = new ExposedSession(base);
    const events: EpochEvent[] = [];
    second.onNewToken((e) => events.push(e));
    const res = await second.call("GET", "/REST/Zone/");
    assert.equal(res.status, "success");
    assert.equal(second.token(), token);
    assert.equal(second.tokenRestored, true);
    assert.deepEqual(events.map((e) => e.reason), ["restored"]);
    assert.equal(files().filter((f) => f.endsWith(".json")).length, 0, "taken: no other process can restore it now");
    const m = emu.control.metrics();
    assert.equal(m.logins, 1);
    assert.equal(m.logouts, 0);
    await second.close(); // explicit close logs out and ends the lease
    assert.deepEqual(files(), []);
  });

  it("two live sessions never share a saved token: the second logs in anew; only one is left for later", async () => {
    const first = new ExposedSession(base);
    await first.login();
    await first.detach();
    const a = new ExposedSession(base);
    const b = new ExposedSession(base);
    await Promise.all([a.login(), b.login()]);
    assert.notEqual(a.token(), b.token(), "one restored, the other logged in");
    assert.equal(emu.control.metrics().logins, 2);
    await a.detach();
    await b.detach();
    // Both were clean, but only one can be saved: the other is logged out, not leaked.
    assert.equal(files().filter((f) => f.endsWith(".json")).length, 1);
    assert.equal(files().length, 1);
    assert.equal(emu.control.metrics().logouts, 1);
  });

  it("a token holding unpublished changes is never saved: detach logs it out, and those changes die with it", async () => {
    const zone = uniqueZone("pend");
    const admin = DynectSession.getOrCreate(sessionOptions(emu));
    await createZone(admin, zone, { rname: "admin@example.com", ttl: 3600 });
    await publishZone(admin, zone);
    const s = new ExposedSession(base);
    await createRecord(s, "A", zone, `www.${zone}`, { address: "192.0.2.1" }, 300);
    assert.deepEqual(s.pendingZones, [zone]);
    await s.detach();
    assert.deepEqual(files(), [], "nothing saved, the lease ended");
    assert.equal(emu.control.metrics().logouts, 1);
    const next = new ExposedSession(base);
    await next.login();
    assert.equal(next.tokenRestored, false);
    await publishZone(next, zone);
    const published = (emu.control.state().zones[zone] as { records: { fqdn: string }[] }).records.map((r) => r.fqdn);
    assert.ok(!published.includes(`www.${zone}`), "the unpublished change of the earlier session was not published by the next one");
    await next.close();
  });

  it("a published token is clean again and is kept", async () => {
    const zone = uniqueZone("clean");
    const s = new ExposedSession(base);
    await createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
    assert.deepEqual(s.pendingZones, [zone]);
    await publishZone(s, zone);
    assert.deepEqual(s.pendingZones, []);
    await s.detach();
    assert.equal((await store().peek())?.token !== undefined, true);
  });

  it("a dead persisted token is verified and replaced by a new login", async () => {
    const first = new ExposedSession(base);
    await first.login();
    const old = first.token();
    await first.detach();
    emu.control.expireTokens();
    const second = new ExposedSession(base);
    await second.call("GET", "/REST/Zone/");
    const renewed = second.token();
    assert.notEqual(renewed, old);
    assert.equal(emu.control.metrics().logins, 2);
    await second.detach();
    // …and the new token is what the next process restores
    const third = new ExposedSession(base);
    await third.login();
    assert.equal(third.token(), renewed);
    assert.equal(emu.control.metrics().logins, 2);
    await third.close();
  });

  it("another key has its own saved session and cannot read this one", async () => {
    const first = new ExposedSession(base);
    await first.login();
    await first.detach();
    const other = new ExposedSession({ ...base, sessionKey: "a-different-key" });
    const saved = (await store().peek())?.token;
    await other.login();
    const otherToken = other.token();
    assert.notEqual(otherToken, saved);
    assert.equal(emu.control.metrics().logins, 2);
    await other.detach();
    assert.equal(files().filter((f) => f.endsWith(".json")).length, 2, "one saved session per key");
    assert.equal((await store().peek())?.token, saved, "the first key's saved session is untouched");
    assert.equal((await store({ ...base, sessionKey: "a-different-key" }).peek())?.token, otherToken);
  });

  it("no key → nothing persisted", async () => {
    const s = new ExposedSession({ ...base, sessionKey: "" });
    assert.equal(s.persistent, false);
    await s.login();
    assert.deepEqual(readdirSync(dir), []);
    await s.close();
  });

  it("default directory: DYN_STATE_DIR, else XDG_CACHE_HOME/pulumi-dyn, else ~/.cache/pulumi-dyn", () => {
    assert.equal(defaultStateDir({ DYN_STATE_DIR: "/x/y" }), "/x/y");
    assert.equal(defaultStateDir({ XDG_CACHE_HOME: "/c" }), join("/c", "pulumi-dyn"));
    assert.match(defaultStateDir({}), /\.cache[/\\]pulumi-dyn$/);
  });
});
