/** Fault switches, the account-wide rate limit, blocked zones and metrics (control endpoints). */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { TestClock } from "../helpers/test-clock";
import { Client, OTHER_CUSTOMER, OTHER_USER, control, isEnvelope, makeZone, request, start } from "./helpers";


describe("faults, rate limit, metrics", () => {
  let emu: RunningEmulator;
  let c: Client;
  // Time-based blocks and the rate-limit lockout end when the test moves this clock.
  const clock = new TestClock(Date.now());
  before(async () => {
    emu = await start({ clock });
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.control.reset();
    emu.control.resetMetrics();
    emu.control.setRateLimit({ perMinute: 300, lockoutMs: 60_000 });
    c = new Client(emu.url);
    await c.login();
    await makeZone(c, "faults.test");
  });

  it("latency delays every request", async () => {
    await control(emu.url, "POST", "faults", { latencyMs: 80 });
    const t0 = Date.now();
    await c.ok("GET", "/REST/Zone/");
    assert.ok(Date.now() - t0 >= 70);
    await control(emu.url, "POST", "faults", { latencyMs: 0 });
  });

  it("failNext http500/http503 answers 5xx envelopes without applying the request", async () => {
    await control(emu.url, "POST", "faults", { failNext: { count: 2, mode: "http503", match: "POST /REST/ARecord" } });
    await c.ok("GET", "/REST/Zone/", undefined); // not matching: untouched
    for (let i = 0; i < 2; i++) {
      const r = await c.call("POST", "/REST/ARecord/faults.test/www.faults.test/", { rdata: { address: "192.0.2.1" } });
      assert.equal(r.status, 503);
      assert.ok(isEnvelope(r.body));
      assert.equal(r.body.msgs[0].ERR_CD, "SERVICE_UNAVAILABLE");
    }
    assert.equal((await c.call("GET", "/REST/ARecord/faults.test/www.faults.test/")).status, 404, "not applied");
    await c.ok("POST", "/REST/ARecord/faults.test/www.faults.test/", { rdata: { address: "192.0.2.1" } });
    emu.control.setFaults({ failNext: { count: 1, mode: "http500" } });
    const r = await c.call("GET", "/REST/Zone/");
    assert.equal(r.status, 500);
    assert.equal(r.body.msgs[0].ERR_CD, "INTERNAL_ERROR");
    assert.equal(emu.control.metrics().errors.SERVICE_UNAVAILABLE, 2);
  });

  it("failNext reset-before drops the connection without applying; reset-after applies then drops", async () => {
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-before", match: "ARecord" } });
    await assert.rejects(c.call("POST", "/REST/ARecord/faults.test/before.faults.test/", { rdata: { address: "192.0.2.1" } }));
    assert.equal((await c.call("GET", "/REST/ARecord/faults.test/before.faults.test/")).status, 404);
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-after", match: "ARecord" } });
    await assert.rejects(c.call("POST", "/REST/ARecord/faults.test/after.faults.test/", { rdata: { address: "192.0.2.1" } }));
    assert.equal((await c.ok("GET", "/REST/ARecord/faults.test/after.faults.test/")).length, 1, "applied");
    assert.equal(emu.control.metrics().errors.ECONNRESET, 2);
  });

  it("block-zone: edits answer Operation blocked with task name and id, reads work, task completes", async () => {
    const b = await control(emu.url, "POST", "block-zone", { zone: "faults.test", requests: 2, taskName: "ProvisionZone" });
    assert.match(b.task_id, /^\d+$/);
    for (const [m, p, body] of [
      ["POST", "/REST/ARecord/faults.test/www.faults.test/", { rdata: { address: "192.0.2.1" } }],
      ["PUT", "/REST/Zone/faults.test/", { publish: true }],
    ] as const) {
      const r = await c.call(m, p, body);
      assert.equal(r.status, 400);
      assert.deepEqual(
        r.body.msgs.map((x: any) => [x.INFO, x.ERR_CD]),
        [
          ["zone: Operation blocked by current task", "ILLEGAL_OPERATION"],
          ["task_name: ProvisionZone", null],
          [`task_id: ${b.task_id}`, null],
        ],
      );
    }
    assert.equal((await c.ok("GET", `/REST/Task/${b.task_id}/`)).status, "complete");
    await c.ok("PUT", "/REST/Zone/faults.test/", { publish: true });
    // time-based block
    await control(emu.url, "POST", "block-zone", { zone: "faults.test", ms: 500 });
    assert.equal((await c.call("DELETE", "/REST/Zone/faults.test/")).status, 400);
    clock.advance(499);
    assert.equal((await c.call("DELETE", "/REST/Zone/faults.test/")).status, 400);
    clock.advance(1);
    await c.ok("DELETE", "/REST/Zone/faults.test/");
  });

  it("rate limit: account-wide 429 once exceeded (logins count), other customers unaffected, recovery after lockout", async () => {
    await control(emu.url, "POST", "rate-limit", { perMinute: 5, lockoutMs: 1000 });
    const bob = new Client(emu.url, OTHER_USER);
    await bob.login(); // 1
    for (let i = 0; i < 4; i++) await c.ok("GET", "/REST/Zone/"); // 2..5
    const limited = await bob.call("GET", "/REST/Zone/"); // 6 → locked, whole account
    assert.equal(limited.status, 429);
    assert.ok(isEnvelope(limited.body));
    assert.equal(limited.body.status, "failure");
    assert.equal(limited.body.msgs[0].ERR_CD, "RATE_LIMIT_EXCEEDED");
    assert.ok(Number(limited.headers["retry-after"]) >= 1);
    assert.equal((await c.call("GET", "/REST/Zone/")).status, 429);
    const login = await request(emu.url, "POST", "/REST/Session/", { customer_name: "acme", user_name: "alice", password: "s3cret!" });
    assert.equal(login.status, 429, "logins of the customer are limited too");
    const globex = new Client(emu.url, OTHER_CUSTOMER);
    await globex.login();
    await globex.ok("GET", "/REST/Zone/");
    clock.advance(999);
    assert.equal((await c.call("GET", "/REST/Zone/")).status, 429, "still locked out");
    clock.advance(1);
    await c.ok("GET", "/REST/Zone/");
    const m = emu.control.metrics();
    assert.equal(m.rateLimited, 4);
    assert.equal(m.errors.RATE_LIMIT_EXCEEDED, 4);
  });

  it("metrics count requests by method and route, logins, publishes and errors; reset clears them", async () => {
    emu.control.resetMetrics();
    await c.ok("GET", "/REST/Zone/faults.test/");
    await c.ok("GET", "/REST/Zone/faults.test./");
    await c.ok("PUT", "/REST/Zone/faults.test/", { publish: true });
    await c.call("GET", "/REST/Zone/missing.test/");
    await c.ok("GET", "/REST/ARecord/faults.test/faults.test/?detail=Y").catch(() => undefined);
    const m = await control(emu.url, "GET", "metrics");
    assert.equal(m.requests["GET /REST/Zone/:zone"], 3);
    assert.equal(m.requests["PUT /REST/Zone/:zone"], 1);
    assert.equal(m.requests["GET /REST/ARecord/:zone/:fqdn"], 1);
    assert.equal(m.requestsTotal, 5);
    assert.deepEqual(m.publishes, { "faults.test": 1 });
    assert.equal(m.publishesTotal, 1);
    assert.equal(m.errors.NOT_FOUND, 2);
    for (const k of ["logins", "loginFailures", "logouts", "jobRunningReplies", "rateLimited"]) assert.equal(typeof m[k], "number");
    await control(emu.url, "POST", "metrics/reset");
    assert.equal((await control(emu.url, "GET", "metrics")).requestsTotal, 0);
  });

  it("state and reset control endpoints", async () => {
    await c.ok("POST", "/REST/TXTRecord/faults.test/faults.test/", { rdata: { txtdata: "pending" } });
    const before = await control(emu.url, "GET", "state");
    const z = before.zones["faults.test"];
    assert.equal(z.serial, 1);
    assert.equal(z.serial_style, "increment");
    assert.equal(z.zone_type, "Primary");
    assert.equal(z.frozen, false);
    assert.equal(z.records.length, 5, "published only: SOA + 4 NS");
    assert.ok(z.records.every((r: any) => Number.isInteger(r.record_id) && r.fqdn && r.record_type && Number.isInteger(r.ttl) && r.rdata));
    await control(emu.url, "POST", "reset");
    assert.deepEqual((await control(emu.url, "GET", "state")).zones, {});
    assert.equal((await c.call("GET", "/REST/Zone/")).body.msgs[0].INFO, "login: Bad or expired credentials", "sessions dropped");
    const bad = await request(emu.url, "POST", "/__emulator/faults", undefined, { rawBody: "{nope" });
    assert.equal(bad.status, 400);
    assert.equal((await request(emu.url, "GET", "/__emulator/nothing")).status, 404);
  });

  it("answers the test controls only for a loopback Host and, for changes, Content-Type: application/json", async () => {
    // DNS rebinding: a page whose own name resolves to 127.0.0.1 sends that name as Host.
    const rebound = await request(emu.url, "POST", "/__emulator/reset", {}, { headers: { Host: "attacker.example:80" } });
    assert.equal(rebound.status, 403);
    assert.equal((await request(emu.url, "GET", "/__emulator/state", undefined, { headers: { Host: "attacker.example" } })).status, 403);
    // A cross-site form posts text/plain or form data without a preflight.
    const form = await request(emu.url, "POST", "/__emulator/expire-tokens", undefined, { rawBody: "x=1", headers: { "Content-Type": "text/plain" } });
    assert.equal(form.status, 415);
    for (const host of ["localhost", "127.0.0.1:1234", "[::1]:80"]) {
      assert.equal((await request(emu.url, "GET", "/__emulator/metrics", undefined, { headers: { Host: host } })).status, 200, host);
    }
    assert.equal((await request(emu.url, "POST", "/__emulator/metrics/reset", {})).status, 200);
  });

  it("expireTokensAfter: every token dies right after the N-th matching request was applied, with its pending changes", async () => {
    await control(emu.url, "POST", "faults", { expireTokensAfter: { count: 2, match: "POST /REST/ARecord" } });
    await c.ok("POST", "/REST/ARecord/faults.test/one.faults.test/", { rdata: { address: "192.0.2.1" } });
    await c.ok("GET", "/REST/Zone/faults.test/");
    const second = await c.call("POST", "/REST/ARecord/faults.test/two.faults.test/", { rdata: { address: "192.0.2.2" } });
    assert.equal(second.status, 200, "the second was applied and answered");
    const after = await c.call("GET", "/REST/Zone/faults.test/");
    assert.equal(after.body.msgs[0].INFO, "login: inactivity logout");
    const fresh = new Client(emu.url);
    await fresh.login();
    await fresh.ok("POST", "/REST/ARecord/faults.test/three.faults.test/", { rdata: { address: "192.0.2.3" } });
    await fresh.ok("POST", "/REST/ARecord/faults.test/four.faults.test/", { rdata: { address: "192.0.2.4" } });
    assert.equal((await fresh.call("GET", "/REST/Zone/")).status, 200, "only once");
    await fresh.ok("PUT", "/REST/Zone/faults.test/", { publish: true });
    const published = (emu.control.state().zones["faults.test"] as { records: { fqdn: string }[] }).records.map((r) => r.fqdn);
    assert.ok(published.includes("three.faults.test") && !published.includes("one.faults.test") && !published.includes("two.faults.test"), "the dead token's changes died with it");
  });

  it("refuses to listen on a non-loopback host unless told so (unsafeListen)", async () => {
    await assert.rejects(startEmulator({ host: "0.0.0.0", port: 0 }), /refusing to listen on 0\.0\.0\.0/);
  });
});
