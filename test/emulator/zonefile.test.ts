/** RFC 1035 master files: the parser, and upload through /REST/ZoneFile/ (§5.5). */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { parseZoneFile } from "../../provider/emulator/zonefile-parser";
import { Client, OTHER_USER, makeZone, start, freshClient } from "./helpers";

const FILE = `$ORIGIN upload.test.
$TTL 1h
@   IN  SOA ns1.elsewhere.net. hostmaster.upload.test. (
        2024010101 ; serial
        7200       ; refresh
        900        ; retry
        1209600    ; expire
        300 )      ; minimum
    IN  NS  ns1.elsewhere.net.
    IN  MX  10 mail
    600 IN TXT "v=spf1 include:_spf.example.net" " -all"
www     A       192.0.2.10
        AAAA    2001:db8::10
mail 300 IN A 192.0.2.25
ftp  IN 120 CNAME www
_sip._tcp SRV 10 5 5060 sip.example.net.
deleg NS ns.deleg.example.net.
`;

describe("zone files", () => {
  it("parser: $ORIGIN, $TTL, @, relative names, owner inheritance, parentheses, comments, quotes, TTL/class order", () => {
    const recs = parseZoneFile(FILE, "upload.test");
    const byKey = (fqdn: string, type: string) => recs.filter((r) => r.fqdn === fqdn && r.type === type);
    assert.deepEqual(byKey("upload.test", "SOA")[0].rdata, {
      mname: "ns1.elsewhere.net.",
      rname: "hostmaster.upload.test.",
      serial: "2024010101",
      refresh: "7200",
      retry: "900",
      expire: "1209600",
      minimum: "300",
    });
    assert.deepEqual(byKey("upload.test", "MX")[0].rdata, { preference: "10", exchange: "mail.upload.test." });
    assert.equal(byKey("upload.test", "MX")[0].ttl, 3600);
    assert.deepEqual(byKey("upload.test", "TXT")[0], { line: 11, fqdn: "upload.test", type: "TXT", ttl: 600, rdata: { txtdata: "v=spf1 include:_spf.example.net -all" } });
    assert.equal(byKey("www.upload.test", "AAAA")[0].rdata.address, "2001:db8::10");
    assert.equal(byKey("mail.upload.test", "A")[0].ttl, 300);
    assert.deepEqual(byKey("ftp.upload.test", "CNAME")[0].rdata, { cname: "www.upload.test." });
    assert.equal(byKey("ftp.upload.test", "CNAME")[0].ttl, 120);
    assert.deepEqual(byKey("_sip._tcp.upload.test", "SRV")[0].rdata, { priority: "10", weight: "5", port: "5060", target: "sip.example.net." });
    assert.throws(() => parseZoneFile("www IN HINFO x y\n", "z.test"), /unsupported record type HINFO/);
    assert.throws(() => parseZoneFile("www CH A 1.2.3.4\n", "z.test"), /class CH/);
    assert.throws(() => parseZoneFile("www A (1.2.3.4\n", "z.test"), /unbalanced/);
    assert.throws(() => parseZoneFile('www TXT "open\n', "z.test"), /unterminated/);
    const loc = parseZoneFile("geo LOC 42 21 54.000 N 71 6 18.000 W -24m 30m\n", "z.test")[0];
    assert.equal(loc.rdata.latitude, "42 21 54.000 N");
    assert.equal(loc.rdata.altitude, -24);
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;
    let c: Client;
    before(async () => {
      emu = await start();
    });
    after(() => emu.close());
    beforeEach(async () => {
      c = await freshClient(emu);
    });

    it("POST creates the zone from the file; records are pending until publish", async () => {
      const r = await c.call("POST", "/REST/ZoneFile/upload.test/", { file: FILE });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.data.zone, "upload.test");
      const bob = new Client(emu.url, OTHER_USER);
      await bob.login();
      assert.equal((await bob.call("GET", "/REST/ARecord/upload.test/www.upload.test/")).status, 404);
      await c.ok("PUT", "/REST/Zone/upload.test/", { publish: true });
      const all = await bob.ok("GET", "/REST/AllRecord/upload.test/", { detail: "Y" });
      assert.equal(all.soa_records[0].rdata.rname, "hostmaster.upload.test.");
      assert.equal(all.soa_records[0].rdata.minimum, 300);
      assert.equal(all.soa_records[0].ttl, 3600);
      assert.match(all.soa_records[0].rdata.mname, /dynect\.net\.$/, "mname stays Dyn's");
      assert.equal(all.ns_records.filter((n: any) => n.service_class === "Primary").length, 4);
      assert.ok(!all.ns_records.some((n: any) => n.rdata.nsdname === "ns1.elsewhere.net."), "apex NS of the file ignored");
      assert.equal(all.ns_records.find((n: any) => n.fqdn === "deleg.upload.test").rdata.nsdname, "ns.deleg.example.net.");
      assert.equal(all.txt_records[0].rdata.txtdata, "v=spf1 include:_spf.example.net -all");
      assert.equal(all.a_records.length, 2);
      assert.equal(all.srv_records[0].rdata.port, 5060);
      const again = await c.call("POST", "/REST/ZoneFile/upload.test/", { file: FILE });
      assert.equal(again.body.msgs[0].ERR_CD, "TARGET_EXISTS");
    });

    it("PUT replaces an existing zone's records with the file's", async () => {
      await makeZone(c, "upload.test");
      await c.ok("POST", "/REST/ARecord/upload.test/old.upload.test/", { rdata: { address: "192.0.2.99" } });
      await c.ok("PUT", "/REST/Zone/upload.test/", { publish: true });
      await c.ok("PUT", "/REST/ZoneFile/upload.test/", { file: "$TTL 300\nwww A 192.0.2.1\n" });
      await c.ok("PUT", "/REST/Zone/upload.test/", { publish: true });
      assert.deepEqual(await c.ok("GET", "/REST/NodeList/upload.test/"), ["upload.test", "www.upload.test"]);
    });

    it("errors name the line; out-of-zone names and bad rdata are refused", async () => {
      const bad = await c.call("POST", "/REST/ZoneFile/e.test/", { file: "$ORIGIN e.test.\n@ SOA ns. h.e.test. 1 2 3 4 5\nwww A 999.1.1.1\n" });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.msgs[0].ERR_CD, "INVALID_DATA");
      assert.match(bad.body.msgs[0].INFO, /^file: line 3: address: /);
      const out = await c.call("POST", "/REST/ZoneFile/e.test/", { file: "$TTL 60\nwww.other.test. A 192.0.2.1\n", rname: "x@e.test" });
      assert.match(out.body.msgs[0].INFO, /not in zone e\.test/);
      const missing = await c.call("POST", "/REST/ZoneFile/e.test/", {});
      assert.equal(missing.body.msgs[0].ERR_CD, "MISSING_DATA");
      const syntax = await c.call("POST", "/REST/ZoneFile/e.test/", { file: "www IN A (192.0.2.1\n" });
      assert.match(syntax.body.msgs[0].INFO, /^file: line \d+: unbalanced/);
      assert.equal((await c.call("GET", "/REST/Zone/e.test/")).status, 404, "nothing created");
    });

    it("node rules apply to the file: CNAME alone (not at the apex), one CNAME per node; every bad SOA field is named", async () => {
      const put = async (file: string) => (await c.call("PUT", "/REST/ZoneFile/g.test/", { file })).body.msgs.map((m: any) => m.INFO);
      await makeZone(c, "g.test");
      assert.deepEqual(await put("$TTL 60\n@ CNAME other.example.\n"), ["cname: A CNAME record cannot coexist with other data at g.test", "upload: Zone file not accepted"]);
      assert.equal((await put("$TTL 60\nw CNAME a.example.\nw A 192.0.2.1\n"))[0], "cname: A CNAME record cannot coexist with other data at w.g.test");
      assert.equal((await put("$TTL 60\nw CNAME a.example.\nw CNAME b.example.\n"))[0], "cname: Only one CNAME record is allowed at w.g.test");
      const soa = await put("$TTL 60\n@ SOA ns. h.g.test. 1 x 3 y 5\n");
      assert.deepEqual(soa.slice(0, 2).map((t: string) => t.replace(/: [^:]*$/, "")), ["file: line 2: refresh", "file: line 2: expire"]);
    });

    it("POST checks the rname/ttl/serial_style arguments like zone create (INVALID_DATA naming them)", async () => {
      const file = "www 300 A 192.0.2.1\n";
      const badRname = await c.call("POST", "/REST/ZoneFile/f.test/", { file, rname: 5, ttl: 60 });
      assert.equal(badRname.status, 400, badRname.text);
      assert.deepEqual([badRname.body.msgs[0].ERR_CD, badRname.body.msgs[0].INFO], ["INVALID_DATA", "rname: must be an e-mail address"]);
      const badTtl = await c.call("POST", "/REST/ZoneFile/f.test/", { file, rname: "x@f.test", ttl: "abc" });
      assert.equal(badTtl.status, 400, badTtl.text);
      assert.equal(badTtl.body.msgs[0].ERR_CD, "INVALID_DATA");
      assert.match(badTtl.body.msgs[0].INFO, /^ttl: /);
      const badStyle = await c.call("POST", "/REST/ZoneFile/f.test/", { file, rname: "x@f.test", ttl: 60, serial_style: "weekly" });
      assert.deepEqual([badStyle.status, badStyle.body.msgs[0].ERR_CD], [400, "INVALID_DATA"]);
      assert.match(badStyle.body.msgs[0].INFO, /^serial_style: /);
      assert.equal((await c.call("GET", "/REST/Zone/f.test/")).status, 404, "nothing created");
    });
  });
});
