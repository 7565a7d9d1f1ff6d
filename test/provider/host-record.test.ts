/** Record and RecordSet through the real dynamic-provider host over gRPC, against the emulator. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sdk from "../../provider/sdk";
import { oobZone, startFixture, type Fixture } from "../helpers/provider-fixture";
import { plain } from "../helpers/provider-host";
import type { Kind } from "../helpers/provider-host";

type Props = Record<string, unknown>;

const ZONE = "records.example";

describe("Record over the dynamic-provider host", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
    await f.host.up("zone", "zone", { name: ZONE, contact: `hostmaster@${ZONE}`, ttl: 3600 });
  });
  after(async () => {
    await f?.close();
  });

  it("reports rdata failures with the field and an example", async () => {
    const { failures } = await f.host.check("record", "mx", {}, { zone: ZONE, name: "@", type: "MX", rdata: { preference: -1, exchange: "mail.example.com" } });
    assert.equal(failures.length, 1);
    // Nested: no property for the engine (it would print `value {<nil>}`); the reason names path and value.
    assert.equal(failures[0].property, "");
    assert.equal(failures[0].reason, 'rdata.preference must be an integer from 0 to 65535, got -1 — e.g. rdata: { preference: 10, exchange: "mail.example.com" }');
    const outside = await f.host.check("record", "x", {}, { zone: ZONE, name: "www.elsewhere.example.", type: "A", rdata: { address: "192.0.2.1" } });
    assert.equal(outside.failures[0].property, "name");
  });

  it("creates, refreshes, updates and deletes a record", async () => {
    const { id, inputs, outputs } = await f.host.up("record", "mx", { zone: ZONE, name: "", type: "mx", rdata: { preference: "10", exchange: "Mail.Records.example" } });
    assert.match(id, /^records\.example\/records\.example\/MX\/\d+$/);
    assert.equal(outputs.fqdn, ZONE);
    assert.equal(outputs.name, "@");
    assert.deepEqual(outputs.rdata, { exchange: "mail.records.example.", preference: 10 });
    assert.ok(Number(outputs.recordId) > 0, "the real id after publish, not the 0 of the POST reply");
    assert.equal(outputs.ttl, 0);
    assert.equal((await f.host.diff("record", "mx", id, outputs, inputs)).changes, "none");

    // TTL 0 = zone default: the live record has the zone's TTL, which must not read as drift.
    const read = await f.host.read("record", "mx", id, outputs, inputs);
    assert.equal(read.id, id);
    assert.deepEqual(plain(read.outputs), plain(outputs));
    assert.equal((await f.host.diff("record", "mx", id, read.outputs, inputs)).changes, "none");

    const news = (await f.host.check("record", "mx", inputs, { zone: ZONE, name: "@", type: "MX", ttl: 300, rdata: { preference: 20, exchange: "mx2.records.example" } })).inputs;
    assert.deepEqual(await f.host.diff("record", "mx", id, outputs, news), { changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = await f.host.update("record", "mx", id, outputs, news);
    assert.deepEqual(updated.rdata, { exchange: "mx2.records.example.", preference: 20 });
    const live = await sdk.listRecords(f.oob, "MX", ZONE, ZONE);
    assert.deepEqual(live.map((r) => [r.ttl, r.rdata.preference, r.record_id]), [[300, 20, updated.recordId]]);
    const reread = await f.host.read("record", "mx", id, updated, news);
    assert.equal((await f.host.diff("record", "mx", id, reread.outputs, news)).changes, "none");

    await f.host.delete("record", "mx", id, updated);
    assert.deepEqual(await sdk.listRecords(f.oob, "MX", ZONE, ZONE), []);
    assert.equal((await f.host.read("record", "mx", id, updated, news)).id, "");
  });

  it("shows out-of-band TTL change, rdata change and delete on refresh", async () => {
    const { id, inputs, outputs } = await f.host.up("record", "cname", { zone: ZONE, name: "www", type: "CNAME", ttl: 60, rdata: { cname: "web.records.example" } });
    const fqdn = `www.${ZONE}`;
    const [rec] = await sdk.listRecords(f.oob, "CNAME", ZONE, fqdn);

    await sdk.updateRecord(f.oob, "CNAME", ZONE, fqdn, rec.record_id, { cname: "web.records.example." }, 999);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    let read = await f.host.read("record", "cname", id, outputs, inputs);
    assert.equal(read.outputs.ttl, 999);
    assert.equal((await f.host.diff("record", "cname", id, read.outputs, inputs)).changes, "some");

    await sdk.updateRecord(f.oob, "CNAME", ZONE, fqdn, rec.record_id, { cname: "elsewhere.example." }, 60);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    read = await f.host.read("record", "cname", id, read.outputs, inputs);
    assert.deepEqual(read.outputs.rdata, { cname: "elsewhere.example." });
    assert.deepEqual(read.inputs?.rdata, { cname: "elsewhere.example." });
    assert.equal((await f.host.diff("record", "cname", id, read.outputs, inputs)).changes, "some");

    // `pulumi up` after the refresh converges it back.
    const back = await f.host.update("record", "cname", id, read.outputs, inputs);
    assert.deepEqual((await sdk.listRecords(f.oob, "CNAME", ZONE, fqdn)).map((r) => r.rdata.cname), ["web.records.example."]);

    await sdk.deleteRecords(f.oob, "CNAME", ZONE, fqdn);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    assert.equal((await f.host.read("record", "cname", id, back, inputs)).id, "", "an out-of-band delete drops it from state");
  });

  it("follows a record whose DynECT id changed (re-created out of band): refresh, update, delete", async () => {
    const { id, inputs, outputs } = await f.host.up("record", "moved", { zone: ZONE, name: "moved", type: "AAAA", rdata: { address: "2001:DB8::1" } });
    const fqdn = `moved.${ZONE}`;
    await sdk.deleteRecords(f.oob, "AAAA", ZONE, fqdn);
    await sdk.createRecord(f.oob, "AAAA", ZONE, fqdn, { address: "2001:db8::1" }, 0);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    const [live] = await sdk.listRecords(f.oob, "AAAA", ZONE, fqdn);
    assert.notEqual(live.record_id, outputs.recordId, "the emulator gave the new record a new id");

    const read = await f.host.read("record", "moved", id, outputs, inputs);
    assert.equal(read.id, id, "the Pulumi id is stable");
    assert.equal(read.outputs.recordId, live.record_id);
    assert.equal((await f.host.diff("record", "moved", id, read.outputs, inputs)).changes, "none");

    const news = (await f.host.check("record", "moved", inputs, { zone: ZONE, name: "moved", type: "AAAA", ttl: 120, rdata: { address: "2001:db8::2" } })).inputs;
    const updated = await f.host.update("record", "moved", id, read.outputs, news);
    assert.deepEqual((await sdk.listRecords(f.oob, "AAAA", ZONE, fqdn)).map((r) => [r.rdata.address, r.ttl]), [["2001:db8::2", 120]]);
    await f.host.delete("record", "moved", id, updated);
    assert.deepEqual(await sdk.listRecords(f.oob, "AAAA", ZONE, fqdn), []);
  });

  it("handles a long TXT value: chunked for DynECT, no diff after refresh", async () => {
    const dkim = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9);
    const { id, inputs, outputs } = await f.host.up("record", "dkim", { zone: ZONE, name: "sel._domainkey", type: "TXT", rdata: { txtdata: dkim } });
    const [live] = await sdk.listRecords(f.oob, "TXT", ZONE, `sel._domainkey.${ZONE}`);
    assert.match(String(live.rdata.txtdata), /^"[^"]{255}" "/, "chunked on the wire");
    assert.equal((inputs.rdata as Props).txtdata, dkim, "the state's inputs hold the text as written");
    assert.equal((outputs.rdata as Props).txtdata, dkim, "and so do the outputs");
    const read = await f.host.read("record", "dkim", id, outputs, inputs);
    assert.equal((read.outputs.rdata as Props).txtdata, dkim, "a refresh reads DynECT's chunks back as the text");
    assert.equal((await f.host.diff("record", "dkim", id, read.outputs, inputs)).changes, "none");

    // State written by pulumi-dyn 0.1 holds the chunked form: no diff against the text, and the
    // engine's refresh diff (refreshed outputs as olds, the old inputs as news) sees none either.
    const oldForm = { ...outputs, rdata: { txtdata: String(live.rdata.txtdata) } };
    const oldInputs = { ...inputs, rdata: { txtdata: String(live.rdata.txtdata) } };
    assert.equal((await f.host.diff("record", "dkim", id, oldForm, inputs)).changes, "none");
    const refreshed = await f.host.read("record", "dkim", id, oldForm, oldInputs);
    assert.equal((await f.host.diff("record", "dkim", id, refreshed.outputs, oldInputs)).changes, "none");
    await f.host.update("record", "dkim", id, oldForm, { ...inputs, ttl: 600 });
    assert.equal((await sdk.listRecords(f.oob, "TXT", ZONE, `sel._domainkey.${ZONE}`)).length, 1, "the old-form state's record was found and updated, not duplicated");
  });

  it("refuses an existing record without adopt, adopts it with adopt: true", async () => {
    await sdk.createRecord(f.oob, "A", ZONE, `legacy.${ZONE}`, { address: "192.0.2.7" }, 3600);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    await assert.rejects(
      f.host.up("record", "legacy", { zone: ZONE, name: "legacy", type: "A", rdata: { address: "192.0.2.7" } }),
      /already exists — set adopt: true/,
    );
    // Another value of the same multi-valued type at the node is not a conflict.
    await f.host.up("record", "legacy2", { zone: ZONE, name: "legacy", type: "A", rdata: { address: "192.0.2.8" } });
    const adopted = await f.host.up("record", "legacy", { zone: ZONE, name: "legacy", type: "A", ttl: 120, rdata: { address: "192.0.2.7" }, adopt: true });
    const live = await sdk.listRecords(f.oob, "A", ZONE, `legacy.${ZONE}`);
    const mine = live.find((r) => r.rdata.address === "192.0.2.7");
    assert.equal(mine?.ttl, 120, "converged to the declared TTL");
    assert.equal(adopted.outputs.recordId, mine?.record_id);
    assert.equal(live.length, 2);
  });

  it("reads a record by id alone (Record.get)", async () => {
    const [rec] = await sdk.listRecords(f.oob, "A", ZONE, `legacy.${ZONE}`);
    const id = `${ZONE}/legacy.${ZONE}/A/${rec.record_id}`;
    const read = await f.host.get("record", "ref", id);
    assert.equal(read.id, id);
    assert.equal(read.outputs.fqdn, `legacy.${ZONE}`);
    assert.deepEqual(read.outputs.rdata, rec.rdata);
  });

  it("tolerates unknown values in preview: check passes them through, diff reports replace/change", async () => {
    const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const { inputs, failures } = await f.host.check("record", "pv", {}, { zone: ZONE, name: U, type: "A", ttl: U, rdata: { address: U } });
    assert.deepEqual(failures, []);
    assert.equal(inputs.name, U);
    const outputs = { zone: ZONE, name: "pv", type: "A", ttl: 0, rdata: { address: "192.0.2.1" }, fqdn: `pv.${ZONE}`, recordId: 1 };
    assert.deepEqual(await f.host.diff("record", "pv", "id", outputs, inputs), { changes: "some", replaces: ["name"], deleteBeforeReplace: true });
  });

  it("replaces an A record by a CNAME at the same node, deleting first", async () => {
    const old = await f.host.up("record", "node", { zone: ZONE, name: "node", type: "A", rdata: { address: "192.0.2.50" } });
    const news = (await f.host.check("record", "node", old.inputs, { zone: ZONE, name: "node", type: "CNAME", rdata: { cname: "target.example" } })).inputs;
    const d = await f.host.diff("record", "node", old.id, old.outputs, news);
    assert.deepEqual(d, { changes: "some", replaces: ["type"], deleteBeforeReplace: true });
    // What the engine does for deleteBeforeReplace: delete the old, then create the new.
    await f.host.delete("record", "node", old.id, old.outputs);
    const created = await f.host.create("record", "node", news);
    assert.match(created.id, /\/CNAME\/\d+$/);
    assert.deepEqual(await sdk.listRecords(f.oob, "A", ZONE, `node.${ZONE}`), []);
    assert.deepEqual((await sdk.listRecords(f.oob, "CNAME", ZONE, `node.${ZONE}`)).map((r) => r.rdata.cname), ["target.example."]);
  });

  it("replaces on identity changes, deleting first when CNAME shares the node", async () => {
    const outputs = { zone: ZONE, name: "svc", type: "A", ttl: 0, rdata: { address: "192.0.2.1" }, fqdn: `svc.${ZONE}`, recordId: 1 };
    const toCname = (await f.host.check("record", "svc", outputs, { zone: ZONE, name: "svc", type: "CNAME", rdata: { cname: "x.example" } })).inputs;
    assert.deepEqual(await f.host.diff("record", "svc", "id", outputs, toCname), { changes: "some", replaces: ["type"], deleteBeforeReplace: true });
    const moved = (await f.host.check("record", "svc", outputs, { zone: ZONE, name: "svc2", type: "A", rdata: { address: "192.0.2.1" } })).inputs;
    assert.deepEqual(await f.host.diff("record", "svc", "id", outputs, moved), { changes: "some", replaces: ["name"], deleteBeforeReplace: false });
  });
});

describe("RecordSet over the dynamic-provider host", () => {
  const SZ = "sets.example";
  let f: Fixture;
  before(async () => {
    f = await startFixture();
    await oobZone(f.oob, SZ);
  });
  after(async () => {
    await f?.close();
  });

  it("creates, refreshes (drift: extra, changed, deleted), updates and deletes a set", async () => {
    const fqdn = `www.${SZ}`;
    const { id, inputs, outputs } = await f.host.up("recordSet", "www", {
      zone: SZ,
      name: "www",
      type: "A",
      ttl: 300,
      records: [{ address: "192.0.2.2" }, { address: "192.0.2.1" }],
    });
    assert.equal(id, `${SZ}/${fqdn}/A`);
    assert.deepEqual(outputs.records, { "192.0.2.1": { address: "192.0.2.1" }, "192.0.2.2": { address: "192.0.2.2" } });
    assert.equal((outputs.recordIds as number[]).length, 2);
    assert.ok((outputs.recordIds as number[]).every((n) => n > 0));
    let read = await f.host.read("recordSet", "www", id, outputs, inputs);
    assert.deepEqual(plain(read.outputs), plain(outputs));
    assert.equal((await f.host.diff("recordSet", "www", id, read.outputs, inputs)).changes, "none");

    // Extra record added out of band.
    await sdk.createRecord(f.oob, "A", SZ, fqdn, { address: "192.0.2.3" }, 300);
    await sdk.publishZone(f.oob, SZ);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    read = await f.host.read("recordSet", "www", id, outputs, inputs);
    assert.deepEqual(Object.keys(read.outputs.records as object), ["192.0.2.1", "192.0.2.2", "192.0.2.3"]);
    assert.equal((await f.host.diff("recordSet", "www", id, read.outputs, inputs)).changes, "some");

    // Update converges the whole set in one replace.
    const updated = await f.host.update("recordSet", "www", id, read.outputs, inputs);
    assert.deepEqual((await sdk.listRecords(f.oob, "A", SZ, fqdn)).map((r) => r.rdata.address).sort(), ["192.0.2.1", "192.0.2.2"]);

    // Changed TTL out of band.
    const live = await sdk.listRecords(f.oob, "A", SZ, fqdn);
    await sdk.updateRecord(f.oob, "A", SZ, fqdn, live[0].record_id, live[0].rdata, 42);
    await sdk.publishZone(f.oob, SZ);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    read = await f.host.read("recordSet", "www", id, updated, inputs);
    assert.equal(read.outputs.ttl, 42);
    assert.equal((await f.host.diff("recordSet", "www", id, read.outputs, inputs)).changes, "some");

    // New value list from the program.
    const news = (await f.host.check("recordSet", "www", inputs, { zone: SZ, name: "www", type: "A", ttl: 300, records: [{ address: "192.0.2.9" }] })).inputs;
    const changed = await f.host.update("recordSet", "www", id, read.outputs, news);
    assert.deepEqual(changed.records, { "192.0.2.9": { address: "192.0.2.9" } });

    // Deleted out of band: refresh drops it.
    await sdk.deleteRecords(f.oob, "A", SZ, fqdn);
    await sdk.publishZone(f.oob, SZ);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    assert.equal((await f.host.read("recordSet", "www", id, changed, news)).id, "");
    // Re-created by the next up; then deleted by Pulumi.
    await f.host.create("recordSet", "www", news);
    await f.host.delete("recordSet", "www", id, changed);
    assert.deepEqual(await sdk.listRecords(f.oob, "A", SZ, fqdn), []);
    assert.equal((await f.host.read("recordSet", "www", id, changed, news)).id, "");
  });

  it("refuses existing records without adopt and replaces them with adopt: true", async () => {
    const fqdn = `mail.${SZ}`;
    await sdk.createRecord(f.oob, "MX", SZ, fqdn, { preference: 5, exchange: "old.example." }, 3600);
    await sdk.publishZone(f.oob, SZ);
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    const args = { zone: SZ, name: "mail", type: "MX", records: [{ preference: 10, exchange: "mx1.example" }, { preference: 20, exchange: "mx2.example" }] };
    await assert.rejects(f.host.up("recordSet", "mail", args), /already exist at mail\.sets\.example — set adopt: true/);
    const { outputs } = await f.host.up("recordSet", "mail", { ...args, adopt: true });
    assert.equal((outputs.recordIds as number[]).length, 2);
    const live = await sdk.listRecords(f.oob, "MX", SZ, fqdn);
    assert.deepEqual(live.map((r) => r.rdata.exchange).sort(), ["mx1.example.", "mx2.example."]);
  });

  it("reads a set by id alone (RecordSet.get); a get() of a missing one fails, a refresh of one drops it", async () => {
    const read = await f.host.get("recordSet", "ref", `${SZ}/mail.${SZ}/MX`);
    assert.equal(read.id, `${SZ}/mail.${SZ}/MX`);
    assert.deepEqual(Object.keys(read.outputs.records as object), ["10 mx1.example.", "20 mx2.example."]);
    await assert.rejects(f.host.get("recordSet", "ref2", `${SZ}/nothing.${SZ}/MX`), /RecordSet\.get: MX records at nothing\.sets\.example does not exist in the Dyn account — get\(\) needs the id of an existing object/);
    await assert.rejects(f.host.get("record", "ref3", `${SZ}/nothing.${SZ}/A/12`), /Record\.get: the A record nothing\.sets\.example does not exist/);
    await assert.rejects(f.host.get("zone", "ref4", "nothing.example"), /Zone\.get: the zone nothing\.example does not exist/);
    await assert.rejects(f.host.get("zoneRecords", "ref5", "nothing.example"), /ZoneRecords\.get: the zone nothing\.example does not exist/);
    // A reference read before (it has outputs) whose object went away: gone from state, no error.
    const before = { ...read.outputs, fqdn: `nothing.${SZ}` };
    assert.equal((await f.host.read("recordSet", "ref2", `${SZ}/nothing.${SZ}/MX`, before, {})).id, "");
  });

  it("refuses ids with path tricks in .get() with a clear error, before any API call", async () => {
    f.emulator.control.resetMetrics();
    const cases: [Kind, string, RegExp][] = [
      ["zone", "..", /reading Zone: "\.\." is not a zone name/],
      ["zone", "../Zone", /is not a zone name/],
      ["zone", "example.com/../x", /is not a zone name/],
      ["zoneRecords", "..", /reading ZoneRecords: "\.\." is not a zone name/],
      ["record", `${SZ}/../A/1`, /is not a Record id/],
      ["record", `${SZ}/./A/1`, /is not a Record id/],
      ["record", `${SZ}/www.other.example/A/1`, /is not a Record id/],
      ["record", `../${SZ}/www.${SZ}/A`, /is not a Record id/],
      ["recordSet", `${SZ}/a..b.${SZ}/MX`, /is not a RecordSet id/],
      ["recordSet", `${SZ}/%2e%2e/MX`, /is not a RecordSet id/],
      ["recordSet", `${SZ}/www.${SZ}/NOPE`, /is not a RecordSet id/],
    ];
    for (const [kind, id, message] of cases) await assert.rejects(f.host.get(kind, "trick", id), message, `${kind} ${id}`);
    assert.equal(f.emulator.control.metrics().requestsTotal, 0, "nothing reached the API");
  });
});
