/**
 * TTL 0 (the zone default) when the zone's TTL changes in the same deployment, through the real
 * dynamic-provider host: DynECT resolves TTL 0 when a record is written, so the records declared
 * with TTL 0 are rewritten in that deployment and read back as 0 — no drift on the next refresh.
 * A refresh that finds an out-of-band zone TTL change marks nothing.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sdk from "../../provider/sdk";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

type Props = Record<string, unknown>;
const ZONE = "ttl-zero.example";

describe("TTL 0 under a zone TTL change, through the host", () => {
  let f: Fixture;
  const zoneArgs = (ttl: number) => ({ name: ZONE, contact: `hostmaster@${ZONE}`, ttl });
  const recordArgs = { zone: ZONE, name: "www", type: "A", ttl: 0, rdata: { address: "192.0.2.1" } };
  const setArgs = { zone: ZONE, name: "@", type: "MX", ttl: 0, records: [{ preference: 10, exchange: "mx.example.net" }] };
  const fixedArgs = { zone: ZONE, name: "fixed", type: "A", ttl: 3600, rdata: { address: "192.0.2.2" } };
  const zoneRecordsZone = "ttl-zero-zr.example";
  let zone: { id: string; outputs: Props };
  let record: { id: string; outputs: Props };
  let set: { id: string; outputs: Props };
  let fixed: { id: string; outputs: Props };

  before(async () => {
    f = await startFixture();
    zone = await f.host.up("zone", "zone", zoneArgs(3600));
    record = await f.host.up("record", "www", recordArgs);
    set = await f.host.up("recordSet", "mx", setArgs);
    fixed = await f.host.up("record", "fixed", fixedArgs);
  });
  after(async () => {
    await f?.close();
  });

  const liveTtls = async () => [
    (await sdk.listRecords(f.oob, "A", ZONE, `www.${ZONE}`))[0].ttl,
    (await sdk.listRecords(f.oob, "MX", ZONE, ZONE))[0].ttl,
    (await sdk.listRecords(f.oob, "A", ZONE, `fixed.${ZONE}`))[0].ttl,
  ];

  it("a refresh after an out-of-band zone TTL change shows the drift and marks nothing", async () => {
    await sdk.updateSoa(f.oob, ZONE, { rname: `hostmaster@${ZONE}`, ttl: 1200 });
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // `pulumi refresh`: read, then diff(refreshed outputs, old inputs), no check
    const read = await f.host.read("zone", "zone", zone.id, zone.outputs, zoneArgs(3600));
    assert.equal(read.outputs.ttl, 1200);
    assert.equal((await f.host.diff("zone", "zone", zone.id, read.outputs, zone.outputs)).changes, "some", "the zone's drift");
    // The TTL-0 record: live 3600 is no longer the zone default (1200) — truthful drift …
    const rec = await f.host.read("record", "www", record.id, record.outputs);
    assert.equal(rec.outputs.ttl, 3600);
    assert.equal((await f.host.diff("record", "www", record.id, rec.outputs, record.outputs)).changes, "some");
    // … but the refresh marked no zone: an unchanged TTL-0 record is not forced to a rewrite.
    assert.equal((await f.host.diff("record", "www", record.id, record.outputs, record.outputs)).changes, "none");
    // Back to the declared state for the next test.
    await sdk.updateSoa(f.oob, ZONE, { rname: `hostmaster@${ZONE}`, ttl: 3600 });
    await sdk.publishZone(f.oob, ZONE);
  });

  it("an up that changes the zone TTL rewrites the TTL-0 records in the same deployment", async () => {
    await f.host.newDeployment(); // `pulumi up`
    // The engine's order when records take `zone: zone.name`: the zone's check, diff and update
    // complete before the records are checked and diffed.
    const zoneNews = (await f.host.check("zone", "zone", zone.outputs, zoneArgs(300))).inputs;
    assert.equal((await f.host.diff("zone", "zone", zone.id, zone.outputs, zoneNews)).changes, "some");
    zone.outputs = await f.host.update("zone", "zone", zone.id, zone.outputs, zoneNews);

    const recNews = (await f.host.check("record", "www", record.outputs, recordArgs)).inputs;
    assert.equal((await f.host.diff("record", "www", record.id, record.outputs, recNews)).changes, "some", "TTL 0 under a new zone default is rewritten");
    const setNews = (await f.host.check("recordSet", "mx", set.outputs, setArgs)).inputs;
    assert.equal((await f.host.diff("recordSet", "mx", set.id, set.outputs, setNews)).changes, "some");
    const fixedNews = (await f.host.check("record", "fixed", fixed.outputs, fixedArgs)).inputs;
    assert.equal((await f.host.diff("record", "fixed", fixed.id, fixed.outputs, fixedNews)).changes, "none", "an explicit TTL is left alone");

    record.outputs = await f.host.update("record", "www", record.id, record.outputs, recNews);
    set.outputs = await f.host.update("recordSet", "mx", set.id, set.outputs, setNews);
    assert.deepEqual(await liveTtls(), [300, 300, 3600]);

    // The next refresh: no drift.
    await f.host.newDeployment();
    for (const [kind, name, r, news] of [
      ["record", "www", record, recNews],
      ["recordSet", "mx", set, setNews],
    ] as const) {
      const read = await f.host.read(kind, name, r.id, r.outputs);
      assert.equal(read.outputs.ttl, 0);
      assert.equal((await f.host.diff(kind, name, r.id, read.outputs, news)).changes, "none");
    }
  });

  it("ZoneRecords: the sets with TTL 0 are rewritten, the others are not", async () => {
    await f.host.newDeployment();
    const z = await f.host.up("zone", "zr-zone", { name: zoneRecordsZone, contact: `hostmaster@${zoneRecordsZone}`, ttl: 3600 });
    const args = {
      zone: zoneRecordsZone,
      records: [
        { name: "a", type: "A", rdata: { address: "192.0.2.1" } },
        { name: "b", type: "A", ttl: 600, rdata: { address: "192.0.2.2" } },
      ],
    };
    const zr = await f.host.up("zoneRecords", "zr", args);
    await f.host.newDeployment();
    const zoneNews = (await f.host.check("zone", "zr-zone", z.outputs, { name: zoneRecordsZone, contact: `hostmaster@${zoneRecordsZone}`, ttl: 120 })).inputs;
    assert.equal((await f.host.diff("zone", "zr-zone", z.id, z.outputs, zoneNews)).changes, "some");
    await f.host.update("zone", "zr-zone", z.id, z.outputs, zoneNews);
    const news = (await f.host.check("zoneRecords", "zr", zr.outputs, args)).inputs;
    assert.equal((await f.host.diff("zoneRecords", "zr", zr.id, zr.outputs, news)).changes, "some");
    await f.host.update("zoneRecords", "zr", zr.id, zr.outputs, news);
    const ttls = async (label: string) => (await sdk.listRecords(f.oob, "A", zoneRecordsZone, `${label}.${zoneRecordsZone}`)).map((r) => r.ttl);
    assert.deepEqual([await ttls("a"), await ttls("b")], [[120], [600]]);
  });
});
