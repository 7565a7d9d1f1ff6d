import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import {
  DynError,
  DynectSession,
  createRecord,
  createZone,
  deleteRecords,
  getAllRecords,
  getZone,
  isDynError,
  type DynErrorCode,
} from "../../provider/sdk/index";
import { fromEnvelope } from "../../provider/sdk/errors";
import { parseEnvelope } from "../../provider/sdk/schemas/envelope";
import { ACCOUNT, caught, emulator, sessionOptions, teardown, freshSession } from "./helpers";

function expectCode(e: unknown, code: DynErrorCode): DynError {
  assert.ok(isDynError(e, code), `expected ${code}, got ${e instanceof Error ? `${(e as DynError).code}: ${e.message}` : String(e)}`);
  return e;
}

describe("envelope parsing (§2.1)", () => {
  it("tolerates a missing msgs key, unknown statuses and the historic array wrapper", () => {
    const inc = parseEnvelope('{"status":"incomplete","data":null,"job_id":966935380}');
    assert.ok(inc.ok && inc.envelope.status === "incomplete" && inc.envelope.job_id === 966935380);
    const wrapped = parseEnvelope('[{"status":"failure","data":{},"job_id":1,"msgs":[{"INFO":"zone: Operation blocked by current task","SOURCE":"BLL","ERR_CD":"ILLEGAL_OPERATION","LVL":"ERROR"},{"INFO":"task_id: 39120953","SOURCE":"BLL","ERR_CD":null,"LVL":"INFO"}]}]');
    assert.ok(wrapped.ok);
    const err = fromEnvelope(wrapped.envelope, { call: { method: "DELETE", path: "/REST/Zone/x/" }, httpStatus: 400 });
    assert.equal(err.code, "BLOCKED_BY_TASK");
    assert.equal(err.taskId, "39120953");
    const odd = parseEnvelope('{"status":"weird","data":{},"job_id":2}');
    assert.ok(odd.ok);
    assert.equal(fromEnvelope(odd.envelope, { call: { method: "GET", path: "/REST/Zone/" }, httpStatus: 200 }).code, "API_ERROR");
  });

  it("reports bodies that are not envelopes", () => {
    assert.equal(parseEnvelope("").ok, false);
    assert.equal(parseEnvelope("<html>").ok, false);
    assert.equal(parseEnvelope('{"data":1}').ok, false);
  });
});

describe("error mapping over the emulator (§2.2–§2.4)", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  let zone: string;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    ({ s, zone } = await freshSession(emu, "err"));
  });

  it("NOT_FOUND carries ERR_CD, INFO, HTTP status and the call", async () => {
    const e = expectCode(await caught(() => getZone(s, "missing-zone.test")), "NOT_FOUND");
    assert.equal(e.retryable, false);
    assert.equal(e.httpStatus, 404);
    assert.equal(e.errCd, "NOT_FOUND");
    assert.deepEqual(e.call, { method: "GET", path: "/REST/Zone/missing-zone.test/" });
    assert.ok(e.infos.includes("zone: No such zone"));
    assert.equal(e.message, "Not found (GET /REST/Zone/missing-zone.test/): zone: No such zone");
  });

  it("TARGET_EXISTS", async () => {
    const e = expectCode(await caught(() => createZone(s, zone, { rname: "admin@example.com", ttl: 3600 })), "TARGET_EXISTS");
    assert.equal(e.retryable, false);
    assert.match(e.message, /^Already exists \(POST \/REST\/Zone\/err-.*\): name: Name already exists/);
  });

  it("INVALID_DATA names the field", async () => {
    const e = expectCode(await caught(() => s.call("POST", `/REST/ARecord/${zone}/www.${zone}/`, { rdata: { address: "300.1.2.3" }, ttl: 60 })), "INVALID_DATA");
    assert.equal(e.field, "address");
    assert.equal(e.httpStatus, 400);
    // client-side validation fails before the network, with the same code and field
    const c = expectCode(await caught(() => createRecord(s, "A", zone, `www.${zone}`, { address: "300.1.2.3" }, 60)), "INVALID_DATA");
    assert.equal(c.field, "rdata.address");
  });

  it("ILLEGAL_OPERATION (Primary NS records cannot be removed, §6.4)", async () => {
    const e = expectCode(await caught(() => deleteRecords(s, "NS", zone, zone)), "ILLEGAL_OPERATION");
    assert.equal(e.retryable, false);
  });

  it("SESSION_EXPIRED and SESSION_INVALID when re-login is not allowed", async () => {
    await s.login();
    emu.control.expireTokens();
    const e = expectCode(await caught(() => s.call("GET", "/REST/Zone/", undefined, { relogin: false })), "SESSION_EXPIRED");
    assert.match(e.message, /login: inactivity logout/);
    const bogus = "bogus-token-value";
    const i = expectCode(await caught(() => s.call("GET", "/REST/Zone/", undefined, { token: bogus })), "SESSION_INVALID");
    assert.match(i.message, /Bad or expired credentials/);
    assert.ok(!i.message.includes(bogus) && !JSON.stringify(i).includes(bogus));
  });

  it("SESSION_BUSY when another holder of the token has a job running, retried until it ends", async () => {
    emu.control.slow({ mode: "incomplete", match: "GET /REST/Zone/", jobMs: 300, count: 1 });
    const started = await s.call("GET", `/REST/Zone/${zone}/`, undefined, { followJobs: false });
    assert.equal(started.status, "incomplete");
    // Not following the job leaves the session busy on the server: the next call is refused
    // ("running", §3.3) and waited out at the job-poll cadence.
    const res = await s.call("GET", "/REST/Zone/");
    assert.equal(res.status, "success");
    assert.ok(emu.control.metrics().jobRunningReplies >= 1);

    emu.control.slow({ mode: "incomplete", match: "GET /REST/Zone/", jobMs: 500, count: 1 });
    const strict = DynectSession.getOrCreate(sessionOptions(emu, { engine: { maxBusyRetries: 0 } }));
    await strict.call("GET", `/REST/Zone/${zone}/`, undefined, { followJobs: false });
    const e = expectCode(await caught(() => strict.call("GET", "/REST/Zone/")), "SESSION_BUSY");
    assert.equal(e.retryable, true);
    assert.match(e.message, /token: This session already has a job running/);
  });

  it("BLOCKED_BY_TASK is retried with per-task back-off, then reported with the task id", async () => {
    emu.control.blockZone({ zone, requests: 2 });
    const rec = await createRecord(s, "A", zone, `b.${zone}`, { address: "192.0.2.5" }, 60);
    assert.equal(rec.rdata.address, "192.0.2.5");
    assert.equal(emu.control.metrics().errors.ILLEGAL_OPERATION, 2);

    const task = emu.control.blockZone({ zone, requests: 100, taskName: "ProvisionZone" });
    const e = expectCode(await caught(() => createRecord(s, "A", zone, `c.${zone}`, { address: "192.0.2.6" }, 60)), "BLOCKED_BY_TASK");
    assert.equal(e.taskId, task.task_id);
    assert.equal(e.taskName, "ProvisionZone");
    assert.equal(e.errCd, "ILLEGAL_OPERATION");
    // 1 try + one retry per configured wait (1,3,7,15,31 s scaled)
    assert.equal(emu.control.metrics().errors.ILLEGAL_OPERATION, 2 + 6);
  });

  it("RATE_LIMITED: waits out the lock-out (Retry-After) and succeeds; reports when retries are exhausted", async () => {
    await s.login();
    emu.control.setRateLimit({ perMinute: 3, lockoutMs: 300 });
    const results = await Promise.all(Array.from({ length: 6 }, () => s.call("GET", "/REST/Zone/")));
    assert.equal(results.length, 6);
    assert.ok(emu.control.metrics().rateLimited >= 1);

    emu.control.setRateLimit({ perMinute: 1, lockoutMs: 5_000 });
    const strict = DynectSession.getOrCreate(sessionOptions(emu, { engine: { maxRateLimitRetries: 0 } }));
    const e = expectCode(await caught(() => Promise.all([strict.call("GET", "/REST/Zone/"), strict.call("GET", "/REST/Zone/")])), "RATE_LIMITED");
    assert.equal(e.httpStatus, 429);
    assert.equal(e.retryable, true);
    assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 0);
    emu.control.setRateLimit({ perMinute: 300, lockoutMs: 60_000 });
  });

  it("API_ERROR for an unclassified failure (invalid API-Version)", async () => {
    const odd = DynectSession.getOrCreate(sessionOptions(emu, { apiVersion: "not-a-version" }));
    const e = expectCode(await caught(() => odd.login()), "API_ERROR");
    assert.equal(e.errCd, "INVALID_VERSION");
  });

  it("client-side budget keeps us under the account limit", async () => {
    emu.control.setRateLimit({ perMinute: 8, lockoutMs: 60_000 });
    const budgeted = DynectSession.getOrCreate(sessionOptions(emu, { engine: { requestsPerMinute: 8 } }));
    await Promise.all(Array.from({ length: 7 }, () => budgeted.call("GET", "/REST/Zone/")));
    assert.equal(emu.control.metrics().rateLimited, 0);
    emu.control.setRateLimit({ perMinute: 300, lockoutMs: 60_000 });
  });
});

describe("transport-level failures", () => {
  let server: http.Server;
  let url: string;
  let reply: (res: http.ServerResponse, req: http.IncomingMessage) => void = () => undefined;
  let hits = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      hits++;
      req.resume();
      req.on("end", () => reply(res, req));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await DynectSession.closeAll();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const opts = () => sessionOptions({ url } as RunningEmulator);

  it("MALFORMED_RESPONSE for a 200 that is not an envelope", async () => {
    reply = (res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html>maintenance</html>");
    hits = 0;
    const e = expectCode(await caught(() => DynectSession.getOrCreate(opts()).login()), "MALFORMED_RESPONSE");
    assert.match(e.message, /\(POST \/REST\/Session\/\): HTTP 200; body is not JSON/);
    assert.ok(!e.message.includes(ACCOUNT.password));
    assert.equal(hits, 1);
  });

  it("MALFORMED_RESPONSE (not INVALID_DATA) for AllRecord data that are not records", async () => {
    const envelope = (data: unknown) => JSON.stringify({ status: "success", data, job_id: 1, msgs: [] });
    reply = (res, req) => {
      const body = req.url?.startsWith("/REST/Session") ? envelope({ token: "tok-1", version: "3.7.16" }) : envelope({ a_records: [{ zone: "x.test", fqdn: "x.test" }] });
      res.writeHead(200, { "Content-Type": "application/json" }).end(body);
    };
    const s = DynectSession.getOrCreate(opts());
    const e = expectCode(await caught(() => getAllRecords(s, "x.test")), "MALFORMED_RESPONSE");
    assert.match(e.message, /\(GET \/REST\/AllRecord\/x\.test\/\)/);
    await s.close();
  });

  it("a job poll answered 502 without envelope is retried, then TRANSPORT (lost contact), as for any call", async () => {
    const envelope = (data: unknown) => JSON.stringify({ status: "success", data, job_id: 1, msgs: [] });
    let polls = 0;
    let calls = 0;
    reply = (res, req) => {
      if (req.url?.startsWith("/REST/Session")) return res.writeHead(200, { "Content-Type": "application/json" }).end(envelope({ token: "tok-2" }));
      if (req.url?.startsWith("/REST/Job/")) {
        polls++;
        return res.writeHead(502).end("bad gateway");
      }
      calls++;
      res.writeHead(307, { Location: "/REST/Job/77" }).end("/REST/Job/77");
    };
    const s = DynectSession.getOrCreate(opts());
    const e = expectCode(await caught(() => s.call("GET", "/REST/Zone/")), "TRANSPORT");
    assert.match(e.message, /Lost contact while waiting for job 77/);
    assert.equal(e.jobId, 77);
    assert.equal(e.retryable, false);
    assert.equal(polls, 4); // maxAttempts
    assert.equal(calls, 1, "the call itself is never re-sent");
    await s.close();
  });

  it("TRANSPORT for a 502 without envelope, retried first", async () => {
    reply = (res) => res.writeHead(502).end("bad gateway");
    hits = 0;
    const e = expectCode(await caught(() => DynectSession.getOrCreate(opts()).login()), "TRANSPORT");
    assert.equal(e.httpStatus, 502);
    assert.equal(hits, 4); // maxAttempts (login is safe to repeat)
  });

  it("TRANSPORT with sent=false when nothing listens", async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const s = DynectSession.getOrCreate(sessionOptions({ url: `http://127.0.0.1:${port}` } as RunningEmulator));
    const e = expectCode(await caught(() => s.login()), "TRANSPORT");
    assert.equal(e.sent, false);
    assert.match(e.message, /ECONNREFUSED/);
  });
});
