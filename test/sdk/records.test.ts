import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import {
  DynectSession,
  USER_RECORD_TYPES,
  createRecord,
  createZone,
  deleteRecord,
  deleteRecords,
  getAllRecords,
  getRecord,
  listRecords,
  publishZone,
  replaceRecords,
  updateRecord,
  type RecordType,
} from "../../provider/sdk/index";
import { emulator, sessionOptions, teardown, uniqueZone } from "./helpers";

type R = Record<string, unknown>;
/** Two valid rdata per type (as sent; hostnames already absolute, as DynECT returns them). */
const SAMPLES: Record<Exclude<RecordType, "SOA">, [R, R]> = {
  A: [{ address: "192.0.2.1" }, { address: "192.0.2.2" }],
  AAAA: [{ address: "2001:db8::1" }, { address: "2001:db8::2" }],
  ALIAS: [{ alias: "target.example.net." }, { alias: "other.example.net." }],
  CAA: [{ flags: 0, tag: "issue", value: "letsencrypt.org" }, { flags: 128, tag: "iodef", value: "mailto:sec@example.com" }],
  CDNSKEY: [{ algorithm: 8, flags: 257, protocol: 3, public_key: "AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjF" }, { algorithm: 13, flags: 256, protocol: 3, public_key: "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+" }],
  CDS: [{ algorithm: 8, digest: "2BB183AF5F22588179A53B0A98631FAD1A292118", digtype: 1, keytag: 12345 }, { algorithm: 13, digest: "3490A6806D47F17A34C29E2CE80E8A999FFBE4BE", digtype: 1, keytag: 54321 }],
  CERT: [{ format: 1, tag: 12, algorithm: 8, certificate: "MIIBCgKCAQEAvsYx1" }, { format: 2, tag: 13, algorithm: 8, certificate: "MIIBCgKCAQEAvsYx2" }],
  CNAME: [{ cname: "target.example.net." }, { cname: "other.example.net." }],
  CSYNC: [{ soa_serial: 1, flags: "soaminimum", types: "A,AAAA" }, { soa_serial: 2, flags: "soaminimum,immediate", types: "A" }],
  DHCID: [{ digest: "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=" }, { digest: "AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=" }],
  DNAME: [{ dname: "target.example.net." }, { dname: "other.example.net." }],
  DNSKEY: [{ algorithm: 8, flags: 257, protocol: 3, public_key: "AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjF" }, { algorithm: 13, flags: 256, protocol: 3, public_key: "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+" }],
  DS: [{ algorithm: 8, digest: "2BB183AF5F22588179A53B0A98631FAD1A292118", digtype: 1, keytag: 12345 }, { algorithm: 13, digest: "3490A6806D47F17A34C29E2CE80E8A999FFBE4BE", digtype: 1, keytag: 54321 }],
  IPSECKEY: [{ precedence: 10, gatetype: 1, algorithm: 2, gateway: "192.0.2.38", public_key: "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" }, { precedence: 20, gatetype: 1, algorithm: 2, gateway: "192.0.2.39", public_key: "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" }],
  KEY: [{ algorithm: 8, flags: 256, protocol: 3, public_key: "AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjF" }, { algorithm: 8, flags: 257, protocol: 3, public_key: "AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjG" }],
  KX: [{ exchange: "kx1.example.net.", preference: 10 }, { exchange: "kx2.example.net.", preference: 20 }],
  LOC: [{ altitude: 0, horiz_pre: 10000, latitude: "42 21 54.000 N", longitude: "71 6 18.000 W", size: 1, version: 0, vert_pre: 10 }, { altitude: 12, horiz_pre: 100, latitude: "52 22 23.000 N", longitude: "4 53 32.000 E", size: 2, version: 0, vert_pre: 10 }],
  MX: [{ exchange: "mail1.example.net.", preference: 10 }, { exchange: "mail2.example.net.", preference: 20 }],
  NAPTR: [{ order: 100, preference: 10, flags: "U", services: "E2U+sip", regexp: "!^.*$!sip:info@example.com!", replacement: "sip.example.net." }, { order: 200, preference: 20, flags: "U", services: "E2U+email", regexp: "!^.*$!mailto:info@example.com!", replacement: "mail.example.net." }],
  NS: [{ nsdname: "ns1.example.net." }, { nsdname: "ns2.example.net." }],
  NSAP: [{ nsap: "0x47000580ffff000000321099991111222233334444" }, { nsap: "0x47000580ffff000000321099991111222233335555" }],
  PTR: [{ ptrdname: "host1.example.net." }, { ptrdname: "host2.example.net." }],
  PX: [{ preference: 10, map822: "map822.example.net.", mapx400: "mapx400.example.net." }, { preference: 20, map822: "m2.example.net.", mapx400: "x2.example.net." }],
  RP: [{ mbox: "admin.example.com.", txtdname: "txt.example.net." }, { mbox: "ops.example.com.", txtdname: "txt2.example.net." }],
  SPF: [{ txtdata: "v=spf1 -all" }, { txtdata: "v=spf1 mx -all" }],
  SRV: [{ priority: 10, weight: 5, port: 443, target: "srv1.example.net." }, { priority: 20, weight: 5, port: 8443, target: "srv2.example.net." }],
  SSHFP: [{ algorithm: 1, fptype: 1, fingerprint: "dd465c09cfa51fb45020cc83316fff21b9ec74ac" }, { algorithm: 4, fptype: 2, fingerprint: "123456789abcdef67890123456789abcdef67890123456789abcdef123456789" }],
  TLSA: [{ cert_usage: 3, selector: 1, match_type: 1, certificate: "0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6" }, { cert_usage: 2, selector: 0, match_type: 1, certificate: "d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971" }],
  TXT: [{ txtdata: "hello world" }, { txtdata: "v=verify token" }],
};
/** Types that allow only one record per node. */
const SINGLE = new Set<RecordType>(["CNAME", "ALIAS", "DNAME"]);

describe("records of every §6.3 type: CRUD over the emulator", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  let zone: string;
  before(async () => {
    emu = await emulator({ rateLimitPerMinute: 100_000 }); // ~400 calls in a few seconds: not what the rate-limit tests are about
    s = DynectSession.getOrCreate(sessionOptions(emu));
    zone = uniqueZone("rec");
    await createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
    await publishZone(s, zone);
  });
  after(() => teardown(emu));

  it("covers every user record type", () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...USER_RECORD_TYPES].sort());
  });

  for (const type of USER_RECORD_TYPES as Exclude<RecordType, "SOA">[]) {
    it(type, async () => {
      const [one, two] = SAMPLES[type];
      const fqdn = `${type.toLowerCase()}.${zone}`;
      assert.deepEqual(await listRecords(s, type, zone, fqdn), []);

      // create (pending: record_id 0 until publish, §6.2)
      const created = await createRecord(s, type, zone, fqdn, one, 300);
      assert.equal(created.record_type, type);
      assert.equal(created.fqdn, fqdn);
      assert.equal(created.ttl, 300);
      assert.deepEqual(created.rdata, one);
      assert.equal((await listRecords(s, type, zone, fqdn)).length, 1);
      await publishZone(s, zone, `create ${type}`);

      // list / get with the published id
      const [live] = await listRecords(s, type, zone, fqdn);
      assert.ok(live.record_id > 0);
      const got = await getRecord(s, type, zone, fqdn, live.record_id);
      assert.deepEqual(got.rdata, one);
      assert.ok((await getAllRecords(s, zone, fqdn)).some((r) => r.record_type === type && r.record_id === live.record_id));

      // update one record in place
      const updated = await updateRecord(s, type, zone, fqdn, live.record_id, two, 600);
      assert.deepEqual(updated.rdata, two);
      await publishZone(s, zone);
      const afterUpdate = await getRecord(s, type, zone, fqdn, live.record_id);
      assert.deepEqual([afterUpdate.rdata, afterUpdate.ttl], [two, 600]);

      // replace the set at the node
      const set = SINGLE.has(type) ? [{ rdata: one, ttl: 120 }] : [{ rdata: one, ttl: 120 }, { rdata: two, ttl: 120 }];
      const replaced = await replaceRecords(s, type, zone, fqdn, set);
      assert.equal(replaced.length, set.length);
      await publishZone(s, zone);
      const afterReplace = await listRecords(s, type, zone, fqdn);
      assert.equal(afterReplace.length, set.length);
      assert.ok(afterReplace.every((r) => r.ttl === 120));

      // delete one, then all at node + type
      await deleteRecord(s, type, zone, fqdn, afterReplace[0].record_id);
      assert.equal((await listRecords(s, type, zone, fqdn)).length, set.length - 1);
      if (set.length > 1) {
        await deleteRecords(s, type, zone, fqdn);
        assert.deepEqual(await listRecords(s, type, zone, fqdn), []);
      }
      await publishZone(s, zone);
      assert.deepEqual(await listRecords(s, type, zone, fqdn), []);
      const state = emu.control.state().zones[zone] as { records: { fqdn: string; record_type: string }[] };
      assert.ok(!state.records.some((r) => r.fqdn === fqdn && r.record_type === type));
    });
  }

  it("AllRecord with details flattens every type of the zone, SOA and Primary NS included", async () => {
    await createRecord(s, "A", zone, `all.${zone}`, { address: "192.0.2.99" }, 60);
    await createRecord(s, "TXT", zone, `all.${zone}`, { txtdata: "x" }, 60);
    const all = await getAllRecords(s, zone);
    assert.ok(all.some((r) => r.record_type === "SOA" && r.fqdn === zone));
    assert.equal(all.filter((r) => r.record_type === "NS" && r.service_class === "Primary").length, 4);
    assert.ok(all.some((r) => r.record_type === "A" && r.fqdn === `all.${zone}`));
    const node = await getAllRecords(s, zone, `all.${zone}`);
    assert.deepEqual(node.map((r) => r.record_type).sort(), ["A", "TXT"]);
    assert.deepEqual(await getAllRecords(s, zone, `nothing.${zone}`), []);
  });
});
