/** Zone through the real dynamic-provider host over gRPC, against the emulator. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sdk from "../../provider/sdk";
import { oobZone, startFixture, type Fixture } from "../helpers/provider-fixture";
import { InitFailedError, plain } from "../helpers/provider-host";

describe("Zone over the dynamic-provider host", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f?.close();
  });

  it("reports check failures per property with the fix", async () => {
    const { failures } = await f.host.check("zone", "bad", {}, { name: "not a zone", contact: "nobody", serialStyle: "weekly" });
    assert.deepEqual(failures.map((x) => x.property).sort(), ["contact", "name", "serialStyle"]);
    assert.ok(failures.every((x) => /e\.g\./.test(x.reason) || /such as/.test(x.reason)), JSON.stringify(failures));
  });

  it("creates, reads, updates and deletes a zone", async () => {
    const { id, inputs, outputs } = await f.host.up("zone", "main", { name: "Zone-One.example.", contact: "Hostmaster@zone-one.example", ttl: "1800" });
    assert.equal(id, "zone-one.example");
    assert.deepEqual(plain(outputs), { name: "zone-one.example", contact: "hostmaster@zone-one.example", ttl: 1800, serialStyle: "increment", serial: 1, zoneType: "Primary" });
    const published = f.emulator.control.state().zones["zone-one.example"] as { serial: number };
    assert.equal(published.serial, 1);

    // Unchanged program after up: no diff.
    assert.equal((await f.host.diff("zone", "main", id, outputs, inputs)).changes, "none");

    // Refresh: same object, no diff afterwards.
    const read = await f.host.read("zone", "main", id, outputs, inputs);
    assert.equal(read.id, id);
    assert.deepEqual(plain(read.outputs), plain(outputs));
    assert.equal((await f.host.diff("zone", "main", id, read.outputs, inputs)).changes, "none");

    // A publish of the zone's records moves the live serial: no drift, the output keeps the serial
    // of the zone's own last publish; a first read without state (Zone.get) takes the live one.
    await sdk.createRecord(f.oob, "A", "zone-one.example", "www.zone-one.example", { address: "192.0.2.1" }, 0);
    await sdk.publishZone(f.oob, "zone-one.example");
    await f.host.newDeployment();
    const moved = await f.host.read("zone", "main", id, outputs, inputs);
    assert.deepEqual(plain(moved.outputs), plain(outputs), "the serial is not drift");
    assert.equal((await sdk.getZone(f.oob, "zone-one.example")).serial, 2);
    assert.equal((await f.host.get("zone", "ref", id)).outputs.serial, 2);

    // ttl, contact and serialStyle update in place.
    const news = (await f.host.check("zone", "main", inputs, { name: "zone-one.example", contact: "dns@zone-one.example", ttl: 600, serialStyle: "day" })).inputs;
    assert.deepEqual(await f.host.diff("zone", "main", id, outputs, news), { changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = await f.host.update("zone", "main", id, outputs, news);
    assert.equal(updated.ttl, 600);
    assert.equal(updated.serialStyle, "day");
    const soa = await sdk.getSoa(f.oob, "zone-one.example");
    assert.equal(soa.ttl, 600);
    assert.equal(soa.rdata.rname, "dns.zone-one.example.");
    const again = await f.host.read("zone", "main", id, updated, news);
    assert.equal(again.outputs.contact, "dns@zone-one.example");
    assert.equal((await f.host.diff("zone", "main", id, again.outputs, news)).changes, "none");

    // A new name replaces.
    const renamed = (await f.host.check("zone", "main", news, { name: "zone-two.example", contact: "dns@zone-one.example" })).inputs;
    assert.deepEqual((await f.host.diff("zone", "main", id, updated, renamed)).replaces, ["name"]);

    await f.host.delete("zone", "main", id, updated);
    assert.equal(f.emulator.control.state().zones["zone-one.example"], undefined);
    const gone = await f.host.read("zone", "main", id, updated, news);
    assert.equal(gone.id, "", "a deleted zone reads as gone");
    // Deleting again is fine (already gone).
    await f.host.delete("zone", "main", id, updated);
  });

  it("shows out-of-band TTL and contact changes on refresh", async () => {
    const { id, inputs, outputs } = await f.host.up("zone", "drift", { name: "drift.example", contact: "hostmaster@drift.example" });
    await sdk.updateSoa(f.oob, "drift.example", { rname: "other@drift.example", ttl: 120 });
    await sdk.publishZone(f.oob, "drift.example");
    await f.host.newDeployment(); // the user's next refresh/up is a new provider process
    const read = await f.host.read("zone", "drift", id, outputs, inputs);
    assert.equal(read.outputs.ttl, 120);
    assert.equal(read.outputs.contact, "other@drift.example");
    assert.equal(read.inputs?.ttl, 120);
    const d = await f.host.diff("zone", "drift", id, read.outputs, inputs);
    assert.deepEqual(d, { changes: "some", replaces: [], deleteBeforeReplace: false });
    // The out-of-band delete of the zone makes refresh drop it.
    await sdk.deleteZone(f.oob, "drift.example");
    assert.equal((await f.host.read("zone", "drift", id, read.outputs, inputs)).id, "");
  });

  it("refuses an existing zone without adopt and adopts it with adopt: true", async () => {
    await oobZone(f.oob, "legacy.example", 7200);
    await assert.rejects(f.host.up("zone", "legacy", { name: "legacy.example", contact: "hostmaster@legacy.example" }), /already exists.*adopt: true/);
    const { id, outputs } = await f.host.up("zone", "legacy", { name: "legacy.example", contact: "dns@legacy.example", ttl: 300, adopt: true });
    assert.equal(id, "legacy.example");
    assert.equal(outputs.ttl, 300);
    const soa = await sdk.getSoa(f.oob, "legacy.example");
    assert.equal(soa.ttl, 300, "converged to the declared state");
    assert.equal(soa.rdata.rname, "dns.legacy.example.");
  });

  it("keeps a created zone in state when its first publish fails (no leak); that state can be refreshed and destroyed", async () => {
    f.emulator.control.setFaults({ failNext: { count: 10, mode: "http503", match: "PUT /REST/Zone/unpublished.example" } });
    const err = await f.host.up("zone", "unpub", { name: "unpublished.example", contact: "hostmaster@unpublished.example" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    f.emulator.control.setFaults({ failNext: { count: 0, mode: "http503" } });
    // The host turns an error carrying `id` into ErrorResourceInitFailed: Pulumi records the zone.
    assert.ok(err instanceof InitFailedError, String(err));
    assert.match(err.message, /creating zone unpublished\.example/);
    assert.equal(err.id, "unpublished.example");
    assert.ok(f.emulator.control.state().zones["unpublished.example"], "the zone exists, so it must not be forgotten");
    // What the engine stores as outputs is sent back as is by refresh and destroy: it must carry
    // the provider, or the host cannot serve them ("code must be a string").
    const state = err.properties;
    assert.equal(typeof state.__provider, "string");
    const read = await f.host.read("zone", "unpub", err.id, state, {});
    assert.equal(read.id, "unpublished.example");
    await f.host.delete("zone", "unpub", err.id, read.outputs);
    assert.equal(f.emulator.control.state().zones["unpublished.example"], undefined, "destroyed");
  });

  it("reads a zone by id alone (Zone.get)", async () => {
    await oobZone(f.oob, "getme.example");
    const read = await f.host.get("zone", "ref", "getme.example");
    assert.equal(read.id, "getme.example");
    assert.equal(read.outputs.contact, "hostmaster@getme.example");
    assert.equal(read.outputs.zoneType, "Primary");
  });
});
