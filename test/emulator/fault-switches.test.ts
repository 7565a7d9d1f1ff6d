/**
 * The fault switches the reliability suites need (faults.ts, fault-replies.ts, control restart and
 * onRequest): several failNext rules at once with a method filter, "job running" refusals,
 * malformed replies, a service restart, and requests observed as they arrive. Plus the apply-time
 * refusals `check` must anticipate (an IP address as a target, the root where it means nothing,
 * LOC beyond ±90°/±180°, TXT beyond one record's 65535 bytes).
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, control, freshClient, isEnvelope, request, start } from "./helpers";

const ZONE = "switches.test";

/** `octets` of text as quoted 255-octet strings, the form DynECT takes long TXT in. */
function quotedChunks(octets: number): string {
  const text = "x".repeat(octets);
  return (text.match(/.{1,255}/g) ?? []).map((chunk) => `"${chunk}"`).join(" ");
}

const A = (label: string) => `/REST/ARecord/${ZONE}/${label}.${ZONE}/`;

describe("fault switches and apply-time refusals", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => (emu = await start()));
  after(() => emu.close());
  beforeEach(async () => (c = await freshClient(emu, ZONE)));

  it("failNext takes several rules; a request takes the first that matches; `method` filters", async () => {
    emu.control.setFaults({
      failNext: [
        { count: 1, mode: "http500", method: "PUT", match: `/REST/Zone/${ZONE}` },
        { count: 1, mode: "http503", method: "POST", match: "Record/" },
      ],
    });
    // GETs match neither rule.
    assert.equal((await c.call("GET", A("x"))).status, 404);
    const post = await c.call("POST", A("www"), { rdata: { address: "192.0.2.1" } });
    assert.equal(post.status, 503);
    const publish = await c.call("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    assert.equal(publish.status, 500);
    // Both rules are used up.
    await c.ok("POST", A("www"), { rdata: { address: "192.0.2.1" } });
    await c.ok("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    assert.equal((await c.ok("GET", `${A("www")}?detail=Y`)).length, 1, "the 503 applied nothing: one record");
    // [] clears; a bad mode is refused.
    emu.control.setFaults({ failNext: [{ count: 5, mode: "http500" }] });
    emu.control.setFaults({ failNext: [] });
    await c.ok("GET", "/REST/Zone/");
    const bad = await request(emu.url, "POST", "/__emulator/faults", { failNext: [{ count: 1, mode: "explode" }] });
    assert.equal(bad.status, 400);
  });

  it("job-running answers §3.3's refusal (HTTP 400, status running) without applying the request", async () => {
    emu.control.setFaults({ failNext: { count: 1, mode: "job-running", match: "POST /REST/ARecord" } });
    const r = await c.call("POST", A("busy"), { rdata: { address: "192.0.2.7" } });
    assert.equal(r.status, 400);
    assert.equal(r.body.status, "running");
    assert.equal(r.body.msgs[0].INFO, "token: This session already has a job running");
    assert.equal(emu.control.metrics().jobRunningReplies, 1);
    assert.equal((await c.call("GET", A("busy"))).status, 404, "not applied");
  });

  it("malformed replies: truncated JSON, a non-envelope, an HTML 502 page, a 200 failure — none applies the request", async () => {
    const expectations: { mode: "invalid-json" | "wrong-envelope" | "html-error" | "failure-200"; status: number; check: (text: string) => void }[] = [
      { mode: "invalid-json", status: 200, check: (t) => assert.throws(() => JSON.parse(t)) },
      { mode: "wrong-envelope", status: 200, check: (t) => assert.deepEqual(JSON.parse(t), { result: "ok", items: [] }) },
      { mode: "html-error", status: 502, check: (t) => assert.match(t, /<h1>502 Bad Gateway<\/h1>/) },
      {
        mode: "failure-200",
        status: 200,
        check: (t) => {
          const env = JSON.parse(t);
          assert.ok(isEnvelope(env));
          assert.equal(env.status, "failure");
          assert.equal(env.msgs[0].ERR_CD, "OPERATION_FAILED");
        },
      },
    ];
    for (const e of expectations) {
      emu.control.setFaults({ failNext: { count: 1, mode: e.mode, match: "POST /REST/ARecord" } });
      const r = await c.call("POST", A(e.mode), { rdata: { address: "192.0.2.8" } });
      assert.equal(r.status, e.status, e.mode);
      e.check(r.text);
      assert.equal((await c.call("GET", A(e.mode))).status, 404, `${e.mode}: not applied`);
    }
    assert.deepEqual(
      Object.keys(emu.control.metrics().errors)
        .filter((k) => expectations.some((e) => e.mode === k))
        .sort(),
      expectations.map((e) => e.mode).sort(),
    );
  });

  it("restart: every session and its unpublished changes die, published data stays, a request in flight gets no answer", async () => {
    await c.ok("POST", A("published"), { rdata: { address: "192.0.2.10" } });
    await c.ok("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    await c.ok("POST", A("pending"), { rdata: { address: "192.0.2.11" } });
    // The next record POST restarts the service as it arrives: it dies with it.
    const off = emu.control.onRequest((r) => {
      if (r.key.startsWith("POST /REST/ARecord")) {
        off();
        emu.control.restart();
      }
    });
    await assert.rejects(c.call("POST", A("in-flight"), { rdata: { address: "192.0.2.12" } }), /socket hang up|ECONNRESET/);
    const dead = await c.call("GET", "/REST/Zone/");
    assert.equal(dead.body.msgs[0].INFO, "login: Bad or expired credentials");

    const fresh = new Client(emu.url);
    await fresh.login();
    await fresh.ok("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    const names = (emu.control.state().zones[ZONE] as { records: { fqdn: string }[] }).records.map((r) => r.fqdn);
    assert.ok(names.includes(`published.${ZONE}`));
    assert.ok(!names.includes(`pending.${ZONE}`), "the pending change died with its session");
    assert.ok(!names.includes(`in-flight.${ZONE}`), "the request in flight was never applied");
  });

  it("restart: a running slow job is lost with its session (never applied); the control endpoint still answers", async () => {
    await c.ok("POST", A("slow"), { rdata: { address: "192.0.2.20" } });
    emu.control.slow({ mode: "incomplete", match: `PUT /REST/Zone/${ZONE}`, jobMs: 600_000, count: 1 });
    const r = await c.call("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    assert.equal(r.body.status, "incomplete");
    assert.equal(emu.control.metrics().jobsRunning, 1);
    const restarted = await control(emu.url, "POST", "restart");
    assert.deepEqual(restarted, { ok: true, sessions: 1 });
    assert.equal(emu.control.metrics().jobsRunning, 0);
    const zone = emu.control.state().zones[ZONE] as { serial: number; records: { fqdn: string }[] };
    assert.ok(!zone.records.some((rec) => rec.fqdn === `slow.${ZONE}`));
  });

  it("onRequest sees each /REST/ request before it is processed, and can switch a fault for exactly that one", async () => {
    const seen: string[] = [];
    const off = emu.control.onRequest((r) => {
      seen.push(r.key);
      if (r.key.includes("third")) emu.control.setFaults({ failNext: { count: 1, mode: "http503" } });
    });
    await c.ok("GET", "/REST/Zone/");
    await c.ok("POST", A("second"), { rdata: { address: "192.0.2.2" } });
    assert.equal((await c.call("POST", A("third"), { rdata: { address: "192.0.2.3" } })).status, 503);
    off();
    await c.ok("GET", "/REST/Zone/");
    assert.deepEqual(seen, ["GET /REST/Zone/", `POST ${A("second")}`, `POST ${A("third")}`]);
  });

  describe("apply-time refusals check.ts anticipates", () => {
    const refusals: [string, string, string, Record<string, unknown>, RegExp][] = [
      ["an IPv4 address as MX exchange", "MXRecord", `@`, { preference: 10, exchange: "192.0.2.25" }, /^exchange: must be a host name, not an IP address$/],
      ["an IPv4 address as CNAME", "CNAMERecord", "alias", { cname: "192.0.2.1." }, /^cname: must be a host name/],
      ["an IPv4 address as NS", "NSRecord", "sub", { nsdname: "192.0.2.53" }, /^nsdname: must be a host name/],
      ["an IPv4 address as PTR", "PTRRecord", "ptr", { ptrdname: "198.51.100.1" }, /^ptrdname: must be a host name/],
      ["an IPv4 address as SRV target", "SRVRecord", "_sip._tcp", { priority: 1, weight: 1, port: 5060, target: "192.0.2.5" }, /^target: must be a host name/],
      ["a CNAME to the root", "CNAMERecord", "root", { cname: "." }, /^cname: cannot be the root "\."$/],
      ["LOC latitude beyond 90°", "LOCRecord", "loc", { altitude: 0, horiz_pre: 100, latitude: "91 0 0.000 N", longitude: "0 0 0.000 E", size: 1, version: 0, vert_pre: 10 }, /^latitude: must be at most 90 degrees/],
      ["LOC longitude beyond 180°", "LOCRecord", "loc", { altitude: 0, horiz_pre: 100, latitude: "10 0 0.000 N", longitude: "180 30 0.000 W", size: 1, version: 0, vert_pre: 10 }, /^longitude: must be at most 180 degrees/],
      ["TXT beyond 65535 bytes", "TXTRecord", "big", { txtdata: quotedChunks(65_300) }, /^txtdata: Too long$/],
    ];
    for (const [what, resource, label, rdata, message] of refusals) {
      it(`400 INVALID_DATA for ${what}`, async () => {
        const fqdn = label === "@" ? ZONE : `${label}.${ZONE}`;
        const r = await c.call("POST", `/REST/${resource}/${ZONE}/${fqdn}/`, { rdata });
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.msgs[0].ERR_CD, "INVALID_DATA");
        assert.match(r.body.msgs[0].INFO, message);
      });
    }

    it("the root stays valid where an RFC gives it a meaning (null MX, SRV no service); 90° and 180° exactly are fine", async () => {
      await c.ok("POST", `/REST/MXRecord/${ZONE}/${ZONE}/`, { rdata: { preference: 0, exchange: "." } });
      await c.ok("POST", `/REST/SRVRecord/${ZONE}/_none._tcp.${ZONE}/`, { rdata: { priority: 0, weight: 0, port: 0, target: "." } });
      await c.ok("POST", `/REST/LOCRecord/${ZONE}/pole.${ZONE}/`, {
        rdata: { altitude: 0, horiz_pre: 100, latitude: "90 0 0.000 N", longitude: "180 W", size: 1, version: 0, vert_pre: 10 },
      });
      await c.ok("POST", `/REST/TXTRecord/${ZONE}/long.${ZONE}/`, { rdata: { txtdata: quotedChunks(65_000) } });
    });
  });
});
