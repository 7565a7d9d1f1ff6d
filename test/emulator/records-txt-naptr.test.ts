/**
 * Two record rules found by third-party clients (issue 9): a NAPTR with an empty `regexp` is valid
 * (RFC 3403 §4.1: S/A rules use `replacement`), and one TXT/SPF string longer than 255 octets is
 * refused with `txtdata: Too long` (the live answer, octodns/octodns#127) while quoted chunks pass.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, freshClient, isEnvelope, start } from "./helpers";

const Z = "gaps.test";

describe("record rules: NAPTR empty regexp, TXT length", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await freshClient(emu, Z);
  });

  it("accepts a NAPTR S rule with an empty regexp and a replacement, and reads it back", async () => {
    const rdata = { order: 100, preference: 10, flags: "S", services: "SIP+D2U", regexp: "", replacement: "_sip._udp.gaps.test." };
    const created = await c.ok("POST", `/REST/NAPTRRecord/${Z}/${Z}/`, { rdata, ttl: 300 });
    assert.equal(created.rdata.regexp, "");
    assert.equal(created.rdata.replacement, "_sip._udp.gaps.test.");
    const a = await c.ok("POST", `/REST/NAPTRRecord/${Z}/a.${Z}/`, { rdata: { ...rdata, flags: "A", replacement: "host.gaps.test" } });
    assert.equal(a.rdata.replacement, "host.gaps.test.");
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const [rec] = await c.ok("GET", `/REST/NAPTRRecord/${Z}/${Z}/`, { detail: "Y" });
    assert.deepEqual(rec.rdata, { order: 100, preference: 10, flags: "S", services: "SIP+D2U", regexp: "", replacement: "_sip._udp.gaps.test." });
    // an update keeping the empty regexp is fine too
    const upd = await c.ok("PUT", `/REST/NAPTRRecord/${Z}/${Z}/${rec.record_id}/`, { rdata: { preference: 20 } });
    assert.equal(upd.rdata.regexp, "");
    assert.equal(upd.rdata.preference, 20);
  });

  it("still requires the regexp key itself", async () => {
    const r = await c.call("POST", `/REST/NAPTRRecord/${Z}/${Z}/`, { rdata: { order: 1, preference: 1, flags: "S", services: "SIP+D2U", replacement: "x.gaps.test." } });
    assert.equal(r.status, 400);
    assert.equal(r.body.msgs[0].ERR_CD, "INVALID_DATA");
    assert.match(r.body.msgs[0].INFO, /^regexp: /);
  });

  it("refuses one unquoted TXT string over 255 octets with `txtdata: Too long`", async () => {
    for (const type of ["TXT", "SPF"]) {
      const r = await c.call("POST", `/REST/${type}Record/${Z}/${Z}/`, { rdata: { txtdata: "v".repeat(256) } });
      assert.equal(r.status, 400, r.text);
      assert.ok(isEnvelope(r.body));
      assert.equal(r.body.status, "failure");
      assert.deepEqual(r.body.msgs[0], { INFO: "txtdata: Too long", SOURCE: "BLL", ERR_CD: "INVALID_DATA", LVL: "ERROR" });
    }
    // 255 octets are fine; multi-byte characters count as octets
    await c.ok("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "k".repeat(255) } });
    const wide = await c.call("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "é".repeat(128) } });
    assert.equal(wide.status, 400, "128 × 2 octets");
    // a single quoted chunk over the limit is refused as well
    const quoted = await c.call("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: `"${"q".repeat(256)}"` } });
    assert.equal(quoted.status, 400);
  });

  it("accepts long text as quoted chunks of at most 255 octets, on POST, node PUT and record PUT", async () => {
    const chunked = `"${"a".repeat(255)}" "${"b".repeat(255)}" "tail with \\"quotes\\""`;
    const created = await c.ok("POST", `/REST/TXTRecord/${Z}/long.${Z}/`, { rdata: { txtdata: chunked } });
    assert.equal(created.rdata.txtdata, chunked);
    const replaced = await c.ok("PUT", `/REST/TXTRecord/${Z}/set.${Z}/`, { TXTRecords: [{ rdata: { txtdata: chunked } }] });
    assert.equal(replaced.length, 1);
    const bad = await c.call("PUT", `/REST/TXTRecord/${Z}/set.${Z}/`, { TXTRecords: [{ rdata: { txtdata: "x".repeat(300) } }] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.msgs[0].INFO, "txtdata: Too long");
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const [rec] = await c.ok("GET", `/REST/TXTRecord/${Z}/long.${Z}/`, { detail: "Y" });
    const tooLong = await c.call("PUT", `/REST/TXTRecord/${Z}/long.${Z}/${rec.record_id}/`, { rdata: { txtdata: "z".repeat(400) } });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.msgs[0].INFO, "txtdata: Too long");
    const ok = await c.ok("PUT", `/REST/TXTRecord/${Z}/long.${Z}/${rec.record_id}/`, { rdata: { txtdata: `"${"z".repeat(200)}" "${"z".repeat(200)}"` } });
    assert.match(ok.rdata.txtdata, /^"z{200}" "z{200}"$/);
  });
});
