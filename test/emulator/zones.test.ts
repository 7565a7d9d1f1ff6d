/** Zones over real HTTP (§5): list/get/create/delete, publish and serial styles, freeze/thaw, changes. */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { nextSerial } from "../../provider/emulator/serial";
import { Client, OTHER_CUSTOMER, OTHER_USER, makeZone, start, freshClient } from "./helpers";

describe("zones", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await freshClient(emu);
  });

  it("create needs rname and ttl, validates serial_style, and refuses an existing zone", async () => {
    const noRname = await c.call("POST", "/REST/Zone/a.test/", { ttl: 60 });
    assert.equal(noRname.status, 400);
    assert.deepEqual([noRname.body.msgs[0].ERR_CD, noRname.body.msgs[0].INFO], ["MISSING_DATA", "rname: Missing required argument"]);
    const noTtl = await c.call("POST", "/REST/Zone/a.test/", { rname: "x@a.test" });
    assert.deepEqual([noTtl.body.msgs[0].ERR_CD, noTtl.body.msgs[0].INFO], ["MISSING_DATA", "ttl: Missing required argument"]);
    const badTtl = await c.call("POST", "/REST/Zone/a.test/", { rname: "x@a.test", ttl: "abc" });
    assert.equal(badTtl.body.msgs[0].ERR_CD, "INVALID_DATA");
    assert.match(badTtl.body.msgs[0].INFO, /^ttl: /);
    const badStyle = await c.call("POST", "/REST/Zone/a.test/", { rname: "x@a.test", ttl: 60, serial_style: "weekly" });
    assert.match(badStyle.body.msgs[0].INFO, /^serial_style: /);
    const badName = await c.call("POST", "/REST/Zone/bad_zone!/", { rname: "x@a.test", ttl: 60 });
    assert.equal(badName.body.msgs[0].ERR_CD, "INVALID_DATA");
    const created = await c.ok("POST", "/REST/Zone/A.Test./", { rname: "x@a.test", ttl: "60", zone: "a.test", token: "ignored" });
    assert.deepEqual(created, { zone_type: "Primary", serial_style: "increment", serial: 0, zone: "a.test" });
    const again = await c.call("POST", "/REST/Zone/a.test/", { rname: "x@a.test", ttl: 60 });
    assert.deepEqual([again.status, again.body.msgs[0].ERR_CD], [400, "TARGET_EXISTS"]);
  });

  it("list (with and without detail) and get; zones are per customer", async () => {
    await makeZone(c, "b.test");
    await makeZone(c, "a.test", { publish: false });
    assert.deepEqual(await c.ok("GET", "/REST/Zone/"), ["/REST/Zone/a.test/", "/REST/Zone/b.test/"]);
    const detail = await c.ok("GET", "/REST/Zone/?detail=Y");
    assert.deepEqual(detail.map((z: any) => [z.zone, z.serial]), [["a.test", 0], ["b.test", 1]]);
    const r = await c.call("GET", "/REST/Zone/");
    assert.equal(r.body.msgs[0].INFO, "get: Your 2 zones");
    const other = new Client(emu.url, OTHER_CUSTOMER);
    await other.login();
    assert.deepEqual(await other.ok("GET", "/REST/Zone/"), []);
    assert.equal((await other.call("GET", "/REST/Zone/b.test/")).status, 404);
    assert.equal((await other.call("GET", "/REST/Zone/")).body.msgs[0].INFO, "get: Your 0 zones");
  });

  it("publish bumps the serial per style and returns task_id as a string", async () => {
    for (const [style, zone] of [["increment", "inc.test"], ["epoch", "epoch.test"], ["day", "day.test"], ["minute", "minute.test"]] as const) {
      await makeZone(c, zone, { serialStyle: style, publish: false });
      const first = await c.ok("PUT", `/REST/Zone/${zone}/`, { publish: true, notes: "first" });
      assert.equal(typeof first.task_id, "string");
      assert.match(first.task_id, /^\d+$/);
      const second = await c.ok("PUT", `/REST/Zone/${zone}/`, { publish: "Y" });
      assert.ok(second.serial > first.serial, `${style} strictly increases`);
      if (style === "increment") assert.deepEqual([first.serial, second.serial], [1, 2]);
      if (style === "day") assert.match(String(first.serial), /^\d{8}00$/);
      if (style === "minute") assert.match(String(first.serial), /^\d{10}$/);
      if (style === "epoch") assert.ok(Math.abs(first.serial - Date.now() / 1000) < 60);
      const task = await c.ok("GET", `/REST/Task/${second.task_id}/`);
      assert.equal(task.status, "complete");
      assert.equal(task.zone_name, zone);
    }
    assert.equal(emu.control.metrics().publishes["inc.test"], 2);
    // unit check of the style rules at fixed times
    const t = new Date(Date.UTC(2017, 11, 21, 13, 45));
    assert.equal(nextSerial("day", 0, t), 2017122100);
    assert.equal(nextSerial("day", 2017122100, t), 2017122101);
    assert.equal(nextSerial("minute", 0, t), 1712211345);
    assert.equal(nextSerial("epoch", 0, t), Math.floor(t.getTime() / 1000));
    assert.equal(nextSerial("epoch", 2 ** 31, t), 2 ** 31 + 1);
  });

  it("unpublished changes belong to the session that made them", async () => {
    await makeZone(c, "mine.test");
    const bob = new Client(emu.url, OTHER_USER);
    await bob.login();
    await c.ok("POST", "/REST/ARecord/mine.test/www.mine.test/", { rdata: { address: "192.0.2.1" } });
    await bob.ok("POST", "/REST/TXTRecord/mine.test/mine.test/", { rdata: { txtdata: "bob" } });
    assert.equal((await bob.call("GET", "/REST/ARecord/mine.test/www.mine.test/")).status, 404);
    const changes = await c.ok("GET", "/REST/ZoneChanges/mine.test/");
    assert.equal(changes.length, 1);
    assert.equal(changes[0].rdata_type, "A");
    assert.equal(changes[0].fqdn, "www.mine.test");
    // alice's publish applies only alice's change set
    await c.ok("PUT", "/REST/Zone/mine.test/", { publish: true });
    assert.equal((await bob.ok("GET", "/REST/ARecord/mine.test/www.mine.test/")).length, 1);
    assert.equal((await c.call("GET", "/REST/TXTRecord/mine.test/mine.test/")).status, 404);
    assert.equal((await bob.ok("GET", "/REST/ZoneChanges/mine.test/")).length, 1);
    await bob.ok("DELETE", "/REST/ZoneChanges/mine.test/");
    assert.deepEqual(await bob.ok("GET", "/REST/ZoneChanges/mine.test/"), []);
    await bob.ok("PUT", "/REST/Zone/mine.test/", { publish: true });
    assert.equal((await c.call("GET", "/REST/TXTRecord/mine.test/mine.test/")).status, 404, "discarded changes are gone");
    assert.deepEqual(await c.ok("GET", "/REST/ZoneChanges/mine.test/"), [], "empty after publish");
  });

  it("freeze blocks edits and publish until thaw", async () => {
    await makeZone(c, "ice.test");
    const frozen = await c.call("PUT", "/REST/Zone/ice.test/", { freeze: true });
    assert.deepEqual([frozen.status, frozen.body.data, frozen.body.msgs[0].INFO], [200, {}, "freeze: Your zone is now frozen"]);
    for (const [m, p, b] of [
      ["POST", "/REST/ARecord/ice.test/www.ice.test/", { rdata: { address: "192.0.2.1" } }],
      ["PUT", "/REST/Zone/ice.test/", { publish: true }],
      ["DELETE", "/REST/Zone/ice.test/", undefined],
    ] as const) {
      const r = await c.call(m, p, b);
      assert.equal(r.status, 400, `${m} ${p}`);
      assert.equal(r.body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
      assert.match(r.body.msgs[0].INFO, /frozen/);
    }
    assert.equal((await c.ok("GET", "/REST/Zone/ice.test/")).zone, "ice.test", "reads still work");
    await c.ok("PUT", "/REST/Zone/ice.test/", { freeze: true }); // idempotent
    emu.control.blockZone({ zone: "ice.test", requests: 1 });
    assert.equal((await c.call("PUT", "/REST/Zone/ice.test/", { thaw: true })).body.msgs[0].INFO, "zone: Operation blocked by current task");
    const thawed = await c.call("PUT", "/REST/Zone/ice.test/", { thaw: true });
    assert.equal(thawed.body.msgs[0].INFO, "thaw: Your zone is now thawed, you may edit normally");
    await c.ok("POST", "/REST/ARecord/ice.test/www.ice.test/", { rdata: { address: "192.0.2.1" } });
    const none = await c.call("PUT", "/REST/Zone/ice.test/", {});
    assert.equal(none.body.msgs[0].ERR_CD, "MISSING_DATA");
  });

  it("delete removes the zone and every session's change set for it; unknown zones 404", async () => {
    await makeZone(c, "gone.test");
    await c.ok("POST", "/REST/ARecord/gone.test/www.gone.test/", { rdata: { address: "192.0.2.1" } });
    const del = await c.call("DELETE", "/REST/Zone/gone.test/");
    assert.deepEqual([del.body.data, del.body.msgs[0].INFO], [{}, "remove: Zone removed"]);
    const again = await c.call("DELETE", "/REST/Zone/gone.test/");
    assert.equal(again.status, 404);
    assert.deepEqual(again.body.msgs.map((m: any) => m.INFO), ["zone: No such zone", "remove: No such zone in your account"]);
    await makeZone(c, "gone.test");
    assert.equal((await c.call("GET", "/REST/ARecord/gone.test/www.gone.test/")).status, 404, "old pending change does not leak into the new zone");
  });

  it("zone notes (one per publish, newest first) and the apex of a node", async () => {
    await makeZone(c, "notes.test", { publish: false });
    await c.ok("PUT", "/REST/Zone/notes.test/", { publish: true, notes: "first" });
    await c.ok("PUT", "/REST/Zone/notes.test/", { publish: true, notes: "second" });
    const notes = await c.ok("POST", "/REST/ZoneNoteReport/", { zone: "notes.test" });
    assert.deepEqual(notes.map((n: any) => [n.note, n.serial, n.user_name]), [["second", 2, "alice"], ["first", 1, "alice"]]);
    assert.equal((await c.ok("POST", "/REST/ZoneNoteReport/", { zone: "notes.test", limit: 1 })).length, 1);
    await makeZone(c, "sub.notes.test");
    assert.equal((await c.ok("GET", "/REST/Apex/www.sub.notes.test/")).zone, "sub.notes.test");
    assert.equal((await c.ok("GET", "/REST/Apex/x.notes.test")).zone, "notes.test");
    assert.equal((await c.call("GET", "/REST/Apex/x.other.test/")).status, 404);
  });
});
