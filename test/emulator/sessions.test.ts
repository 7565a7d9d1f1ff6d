/** Sessions over real HTTP (§3): login, wrong password, verify, keep-alive, logout, idle expiry. */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { TestClock } from "../helpers/test-clock";
import { ACCOUNT, Client, control, isEnvelope, makeZone, request, start } from "./helpers";


describe("sessions", () => {
  let emu: RunningEmulator;
  // Idle time passes when the test says so, not while the machine is busy.
  const clock = new TestClock(Date.now());
  before(async () => {
    emu = await start({ idleTimeoutMs: 400, clock });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.control.reset();
    emu.control.resetMetrics();
    emu.control.setIdleTimeout(400);
  });

  it("login returns an opaque base64 token and the server version", async () => {
    const r = await request(emu.url, "POST", "/REST/Session/", { customer_name: ACCOUNT.customer, user_name: ACCOUNT.user, password: ACCOUNT.password });
    assert.equal(r.status, 200);
    assert.ok(isEnvelope(r.body));
    assert.match(r.body.data.token, /^[A-Za-z0-9+/]{88,172}={0,2}$/);
    assert.equal(r.body.data.version, "3.7.9");
    assert.deepEqual(r.body.msgs, [{ INFO: "login: Login successful", SOURCE: "BLL", ERR_CD: null, LVL: "INFO" }]);
    assert.equal(emu.control.metrics().logins, 1);
  });

  it("a wrong password, unknown user or missing field fails with the login: messages", async () => {
    for (const body of [
      { customer_name: ACCOUNT.customer, user_name: ACCOUNT.user, password: "nope" },
      { customer_name: ACCOUNT.customer, user_name: "mallory", password: ACCOUNT.password },
      { customer_name: "nobody", user_name: ACCOUNT.user, password: ACCOUNT.password },
    ]) {
      const r = await request(emu.url, "POST", "/REST/Session", body);
      assert.equal(r.status, 400);
      assert.equal(r.body.status, "failure");
      assert.deepEqual(
        r.body.msgs.map((m: any) => [m.INFO, m.ERR_CD]),
        [
          ["login: Credentials you entered did not match those in our database. Please try again", "INVALID_DATA"],
          ["login: Login failed", null],
        ],
      );
      assert.ok(!r.text.includes(ACCOUNT.password), "never echoes a password");
    }
    const missing = await request(emu.url, "POST", "/REST/Session", { customer_name: ACCOUNT.customer, user_name: ACCOUNT.user });
    assert.equal(missing.body.msgs[0].ERR_CD, "MISSING_DATA");
    assert.match(missing.body.msgs[0].INFO, /^login: password/);
    assert.equal(emu.control.metrics().loginFailures, 4);
  });

  it("verify (GET) and keep-alive (PUT) succeed on a live token; neither message mentions login:", async () => {
    const c = new Client(emu.url);
    await c.login();
    for (const m of ["GET", "PUT"]) {
      const r = await c.call(m, "/REST/Session/");
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, "success");
      assert.ok(!r.body.msgs[0].INFO.includes("login:"));
    }
  });

  it("keep-alive and any call extend the idle timeout; idle expiry answers login: inactivity logout", async () => {
    const c = new Client(emu.url);
    await c.login();
    for (let i = 0; i < 4; i++) {
      clock.advance(350); // 1.4 s in all: only the keep-alives keep it alive
      await c.ok(i % 2 ? "PUT" : "GET", i % 2 ? "/REST/Session/" : "/REST/Zone/");
    }
    clock.advance(401);
    const r = await c.call("GET", "/REST/Zone/");
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.body.msgs.map((m: any) => [m.INFO, m.ERR_CD]),
      [
        ["login: inactivity logout", "INVALID_DATA"],
        ["login: There was a problem with your credentials", null],
      ],
    );
  });

  it("logout invalidates the token (Bad or expired credentials) and discards its pending changes", async () => {
    emu.control.setIdleTimeout(60_000);
    const c = new Client(emu.url);
    await c.login();
    await makeZone(c, "logout.test");
    await c.ok("POST", "/REST/ARecord/logout.test/www.logout.test/", { rdata: { address: "192.0.2.1" } });
    const out = await c.call("DELETE", "/REST/Session/");
    assert.deepEqual(out.body.msgs[0], { INFO: "logout: Logout successful", SOURCE: "BLL", ERR_CD: null, LVL: "INFO" });
    assert.deepEqual(out.body.data, {});
    const after = await c.call("GET", "/REST/Zone/");
    assert.equal(after.status, 400);
    assert.equal(after.body.msgs[0].INFO, "login: Bad or expired credentials");
    const c2 = new Client(emu.url);
    await c2.login();
    assert.equal((await c2.call("GET", "/REST/ARecord/logout.test/www.logout.test/")).status, 404, "the pending record died with the session");
    assert.equal(emu.control.metrics().logouts, 1);
  });

  it("a missing Auth-Token header or a made-up token get the credentials failure envelope", async () => {
    const none = await request(emu.url, "GET", "/REST/Zone/");
    assert.equal(none.status, 400);
    assert.equal(none.body.msgs[0].ERR_CD, "INVALID_DATA");
    assert.match(none.body.msgs[0].INFO, /^login: The Auth-Token HTTP header must be set/);
    const bad = await request(emu.url, "GET", "/REST/Zone/", undefined, { token: "FFFFFFFFFF" });
    assert.equal(bad.body.msgs[0].INFO, "login: Bad or expired credentials");
  });

  it("expire-tokens kills every live token with inactivity logout", async () => {
    emu.control.setIdleTimeout(60_000);
    const a = new Client(emu.url);
    const b = new Client(emu.url);
    await a.login();
    await b.login();
    const res = await control(emu.url, "POST", "expire-tokens");
    assert.equal(res.expired, 2);
    for (const c of [a, b]) assert.equal((await c.call("GET", "/REST/Session/")).body.msgs[0].INFO, "login: inactivity logout");
    await a.login();
    await a.ok("GET", "/REST/Zone/");
  });

  it("API-Version current and x.y.z are accepted; resource names and trailing slashes are lenient", async () => {
    const c = new Client(emu.url);
    await c.login();
    for (const v of ["current", "3.7.13", "2.3.1", "3.5.10"]) await c.ok("GET", "/REST/Zone", undefined, { headers: { "API-Version": v } });
    await c.ok("GET", "/REST/SESSION/");
    await c.ok("GET", "/REST//Zone//");
    const unknown = await c.call("GET", "/REST/DSF/abc/");
    assert.equal(unknown.status, 404);
    assert.ok(isEnvelope(unknown.body));
    const badMethod = await c.call("POST", "/REST/AllRecord/x.test/");
    assert.equal(badMethod.status, 400);
    assert.ok(isEnvelope(badMethod.body));
  });
});
