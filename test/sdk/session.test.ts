import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, isDynError, listZones, type EpochEvent } from "../../provider/sdk/index";
import { ACCOUNT, caught, emulator, sessionOptions, teardown } from "./helpers";

/** Test-only view of the token, to reproduce what happens without the session's queue. */
class ExposedSession extends DynectSession {
  token(): string {
    return this.currentToken ?? "";
  }
}

function countRequests(emu: RunningEmulator, prefix: string): number {
  return Object.entries(emu.control.metrics().requests)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

describe("DynectSession over the emulator", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    await DynectSession.closeAll();
    emu.control.reset();
    emu.control.resetMetrics();
  });

  it("50 concurrent first calls share one login", async () => {
    const o = sessionOptions(emu);
    const results = await Promise.all(Array.from({ length: 50 }, () => DynectSession.getOrCreate(o).call("GET", "/REST/Zone/")));
    assert.equal(results.length, 50);
    assert.ok(results.every((r) => r.status === "success"));
    const m = emu.control.metrics();
    assert.equal(m.logins, 1);
    assert.equal(DynectSession.getOrCreate(o).epoch, 1);
  });

  it("200 concurrent calls on one session never get a 'job running' reply", async () => {
    emu.control.setFaults({ latencyMs: 2 }); // each request keeps the session busy a little
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? s.call("GET", "/REST/Zone/", { detail: "Y" }) : listZones(s))));
    assert.equal(results.length, 200);
    const m = emu.control.metrics();
    assert.equal(m.jobRunningReplies, 0);
    assert.equal(m.errors.OPERATION_FAILED ?? 0, 0);
    assert.equal(m.logins, 1);
  });

  it("control: the same token used in parallel without the queue does get 'job running'", async () => {
    emu.control.setFaults({ latencyMs: 20 });
    const s = new ExposedSession(sessionOptions(emu));
    await s.login();
    const token = s.token();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${emu.url}/REST/Zone/`, { headers: { "Auth-Token": token, "Content-Type": "application/json" } }).then((r) => r.json() as Promise<{ status: string }>),
      ),
    );
    assert.ok(replies.some((r) => r.status === "running"));
    assert.ok(emu.control.metrics().jobRunningReplies > 0);
    await s.close();
  });

  it("logs in again after the token expired, with a new epoch", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    const events: EpochEvent[] = [];
    const off = s.onNewToken((e) => events.push(e));
    await s.call("GET", "/REST/Zone/");
    assert.equal(s.epoch, 1);
    emu.control.expireTokens();
    const res = await s.call("GET", "/REST/Zone/");
    assert.equal(res.status, "success");
    assert.equal(s.epoch, 2);
    assert.deepEqual(
      events.map((e) => [e.previous, e.epoch, e.reason]),
      [
        [0, 1, "login"],
        [1, 2, "relogin"],
      ],
    );
    assert.equal(emu.control.metrics().logins, 2);
    off();
  });

  it("verify() tells a live token from a dead one; keepAlive() extends it", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    assert.equal(await s.verify(), false); // not logged in yet
    await s.login();
    assert.equal(await s.verify(), true);
    await s.keepAlive();
    assert.equal(countRequests(emu, "PUT /REST/Session"), 1);
    emu.control.expireTokens();
    assert.equal(await s.verify(), false);
    assert.equal(s.loggedIn, false);
    await s.login();
    assert.equal(s.epoch, 2);
  });

  it("keep-alive timer sends PUT /REST/Session/ while logged in", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { keepAliveMs: 30 } }));
    await s.login();
    for (let i = 0; i < 200 && countRequests(emu, "PUT /REST/Session") < 2; i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(countRequests(emu, "PUT /REST/Session") >= 2, "keep-alives were sent");
    assert.equal(emu.control.metrics().logins, 1);
    await s.close();
  });

  it("a wrong password is LOGIN_FAILED, not retryable, naming the account but never the password", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { password: "Wr0ng-Pa55!" }));
    const e = await caught(() => s.call("GET", "/REST/Zone/"));
    assert.ok(isDynError(e, "LOGIN_FAILED"), String(e));
    assert.equal(e.retryable, false);
    assert.deepEqual(e.call, { method: "POST", path: "/REST/Session/" });
    assert.match(e.message, new RegExp(`customer "${ACCOUNT.customer}", user "${ACCOUNT.user}"`));
    assert.match(e.message, /did not match/);
    assert.ok(!e.message.includes("Wr0ng-Pa55!"));
    assert.ok(!JSON.stringify(e).includes("Wr0ng-Pa55!"));
    assert.equal(emu.control.metrics().loginFailures, 1);
  });

  it("keeps the password and token out of history, errors and inspection", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    await s.call("GET", "/REST/Zone/");
    const hist = JSON.stringify(s.history.entries());
    assert.ok(hist.includes("/REST/Session/"));
    assert.ok(!hist.includes(ACCOUNT.password));
    assert.ok(hist.includes("********"));
    const { inspect } = await import("node:util");
    const shown = inspect(s, { depth: 5 }) + JSON.stringify(s);
    assert.ok(!shown.includes(ACCOUNT.password));
  });

  it("history keeps GET/DELETE arguments redacted and the path without the query string they travel in", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    await s.call("GET", "/REST/Zone/?token=in-the-path-1", { detail: "Y", password: "in-the-args-2" });
    const entry = s.history.entries().find((h) => h.method === "GET" && h.path.startsWith("/REST/Zone/"));
    assert.ok(entry, "the call is in history");
    assert.equal(entry.path, "/REST/Zone/");
    assert.deepEqual(entry.args, { token: "********", detail: "Y", password: "********" });
    const hist = JSON.stringify(s.history.entries());
    assert.ok(!hist.includes("in-the-path-1") && !hist.includes("in-the-args-2"), "no secret in history");
  });

  it("refuses a plain-http API URL to a remote host (the password and token would travel in clear)", () => {
    for (const apiUrl of ["http://api.dynect.net", "ftp://127.0.0.1"]) {
      assert.throws(() => new DynectSession(sessionOptions(emu, { apiUrl })), (e: unknown) => isDynError(e, "INVALID_DATA") && e.field === "apiUrl", apiUrl);
    }
    assert.doesNotThrow(() => new DynectSession(sessionOptions(emu, { apiUrl: "https://api.dynect.net" })));
  });

  it("getOrCreate takes over a rotated password but refuses other changed settings for a live instance", async () => {
    const o = sessionOptions(emu, { password: "0ld-password" });
    const s = DynectSession.getOrCreate(o);
    assert.equal(DynectSession.getOrCreate({ ...o, password: ACCOUNT.password }), s);
    await s.login(); // with the rotated password
    assert.equal(emu.control.metrics().loginFailures, 0);
    assert.throws(() => DynectSession.getOrCreate({ ...o, engine: { ...o.engine, requestsPerMinute: 60 } }), (e: unknown) => isDynError(e, "INVALID_DATA") && /other settings/.test(e.message));
    assert.throws(() => DynectSession.getOrCreate({ ...o, sessionKey: "now-persistent" }), /other settings/);
    await DynectSession.closeSession(o);
    assert.notEqual(DynectSession.getOrCreate({ ...o, engine: { ...o.engine, requestsPerMinute: 60 } }), s, "after close the new settings apply");
  });

  it("close() logs out; later calls on the closed instance fail; the registry makes a fresh one", async () => {
    const o = sessionOptions(emu);
    const s = DynectSession.getOrCreate(o);
    await s.login();
    await DynectSession.closeSession(o);
    assert.equal(emu.control.metrics().logouts, 1);
    assert.equal(DynectSession.getSession(o), undefined);
    const e = await caught(() => s.call("GET", "/REST/Zone/"));
    assert.ok(isDynError(e, "SESSION_INVALID"));
    const fresh = DynectSession.getOrCreate(o);
    assert.notEqual(fresh, s);
  });

  it("newSession() closes the previous session and logs in a new one", async () => {
    const o = sessionOptions(emu);
    const first = DynectSession.getOrCreate(o);
    await first.login();
    const second = await DynectSession.newSession(o);
    assert.notEqual(second, first);
    assert.equal(first.closed, true);
    assert.equal(second.loggedIn, true);
    const m = emu.control.metrics();
    assert.equal(m.logins, 2);
    assert.equal(m.logouts, 1);
  });

  it("closeAll() logs every session out", async () => {
    const a = DynectSession.getOrCreate(sessionOptions(emu));
    const b = DynectSession.getOrCreate(sessionOptions(emu));
    await Promise.all([a.login(), b.login()]);
    await DynectSession.closeAll();
    assert.equal(emu.control.metrics().logouts, 2);
    assert.equal(DynectSession.sessions().length, 0);
  });
});
