/**
 * The zone batcher through the real host: many parallel record creations across zones share one
 * login, publish each zone once per batch, never hit "job running", and survive a token that dies
 * mid-batch without losing anything.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

type ZoneState = { records: { fqdn: string; record_type: string; rdata: Record<string, unknown> }[] };

function published(f: Fixture, zone: string): ZoneState["records"] {
  const z = f.emulator.control.state().zones[zone] as ZoneState | undefined;
  return z?.records ?? [];
}

describe("zone batching over the dynamic-provider host", () => {
  let f: Fixture;
  before(async () => {
    // One session for the whole account: the "exactly one login" case.
    // The provider's default batching window: the one users get.
    f = await startFixture({ config: { "dyn:maxSessions": "1" } });
  });
  after(async () => {
    await f?.close();
  });

  it("creates 300 records across 3 zones in parallel: one login, one publish per zone, nothing lost", async () => {
    const zones = ["batch-a.example", "batch-b.example", "batch-c.example"];
    await Promise.all(zones.map((z) => f.host.up("zone", z, { name: z, contact: `hostmaster@${z}` })));
    const zonePublishes = f.emulator.control.metrics().publishes;

    const ops = [];
    const notPublishedWhenResolved: string[] = [];
    for (let i = 0; i < 300; i++) {
      const zone = zones[i % 3];
      const name = `host-${i}`;
      ops.push(
        f.host.up("record", `r${i}`, { zone, name, type: "A", rdata: { address: `10.0.${i >> 8}.${i & 255}` } }).then((res) => {
          // Resolved only after the publish that contains it.
          if (!published(f, zone).some((r) => r.fqdn === `${name}.${zone}` && r.record_type === "A")) notPublishedWhenResolved.push(name);
          return res;
        }),
      );
    }
    const results = await Promise.all(ops);
    assert.deepEqual(notPublishedWhenResolved, []);
    assert.equal(new Set(results.map((r) => r.id)).size, 300, "300 distinct ids");

    const m = f.emulator.control.metrics();
    assert.equal(m.logins, 1, "exactly one login for the whole provider process");
    assert.equal(m.jobRunningReplies, 0, "never two jobs on one session");
    // Creations are sent without looking first (DynECT refuses duplicates itself): no error replies at all.
    assert.deepEqual(m.errors, {}, JSON.stringify(m.errors));
    for (const zone of zones) {
      assert.equal(published(f, zone).filter((r) => r.record_type === "A").length, 100, zone);
      const publishes = (m.publishes[zone] ?? 0) - (zonePublishes[zone] ?? 0);
      // All 100 changes of a zone arrive together, so they form one batch and one publish.
      assert.equal(publishes, 1, `${zone}: ${publishes} publishes for 100 records sent at once`);
    }
  });

  it("replays a batch whose session expired mid-way: everything published, nothing lost", async () => {
    const zone = "expiry.example";
    await f.host.up("zone", zone, { name: zone, contact: `hostmaster@${zone}` });
    f.emulator.control.resetMetrics();
    // The token dies right after the 20th creation was applied: part of the batch is pending on it.
    f.emulator.control.setFaults({ expireTokensAfter: { count: 20, match: "POST /REST/TXTRecord" } });
    const ops = [];
    for (let i = 0; i < 60; i++) {
      ops.push(f.host.up("record", `e${i}`, { zone, name: `e${i}`, type: "TXT", rdata: { txtdata: `value ${i}` } }));
    }
    const results = await Promise.all(ops);

    assert.equal(results.length, 60);
    const txt = published(f, zone).filter((r) => r.record_type === "TXT");
    assert.equal(txt.length, 60, "every record published exactly once (no duplicates, none lost)");
    const m = f.emulator.control.metrics();
    assert.equal(m.logins, 1, "one re-login after the expiry");
    assert.equal(m.jobRunningReplies, 0);
    assert.ok((m.publishes[zone] ?? 0) <= 5, `${m.publishes[zone]} publishes`);
  });
});
