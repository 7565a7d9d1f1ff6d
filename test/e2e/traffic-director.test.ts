/**
 * examples/traffic-director end to end with the real Pulumi CLI against the emulator, pulumi-dyn
 * installed from its tarball: `pulumi up` creates the zone, the monitor and the whole service
 * (one POST), a preview shows no changes, a change made by hand through the DynECT API shows in
 * `pulumi refresh` at its nested path, `pulumi up` converges it with the fewest calls and one
 * publish, and `pulumi destroy` leaves nothing behind.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type MetricsSnapshot, type RunningEmulator } from "../../provider/emulator";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { OutOfBandClient } from "./harness/dynect-rest";
import { exampleStack } from "./harness/example-stack";
import { ensurePulumiCli, type PulumiWorkspace } from "./harness/pulumi-cli";

const ACCOUNT = { customer: "td-e2e", user: "td-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `traffic-director-${process.pid}`);
const EXAMPLE = join(REPO_ROOT, "examples", "traffic-director");

interface LiveService {
  label: string;
  pending: number;
  service: any;
}

/** Writes without the login/logout calls of a deployment. */
const writes = (m: MetricsSnapshot) => Object.fromEntries(Object.entries(m.requests).filter(([k]) => !k.startsWith("GET ") && !k.includes("/REST/Session")));

describe("examples/traffic-director with the real CLI", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let oob: OutOfBandClient;

  const services = () => emulator.control.state().dsf.services as Record<string, LiveService>;
  const only = (): LiveService => {
    const all = Object.values(services());
    assert.equal(all.length, 1, `one service, got ${all.length}`);
    return all[0];
  };
  const naWeights = () => only().service.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records.map((r: any) => r.weight);

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
      oob = new OutOfBandClient(emulator.url, ACCOUNT);
      ws = await exampleStack({ source: EXAMPLE, work: WORK, binDir, installed, apiUrl: emulator.url, account: ACCOUNT });
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("pulumi up creates the service with one POST, published; a preview shows no changes", async () => {
    emulator.control.resetMetrics();
    const result = await ws.run(["up", "--yes"]);
    assert.match(result.stdout, /4 created/, "the stack, the zone, the monitor and the service");
    const m = emulator.control.metrics();
    assert.equal(m.requests["POST /REST/DSF"], 1, JSON.stringify(writes(m)));
    assert.equal(m.dsfPublishesTotal, 1);
    const svc = only();
    assert.equal(svc.label, "www.geo.example.org.:A");
    assert.equal(svc.pending, 0);
    assert.deepEqual(naWeights(), [10, 5]);
    await ws.run(["preview", "--expect-no-changes"]);
  });

  it("a change made by hand shows in pulumi refresh; pulumi up converges it (one record PUT, one publish)", async () => {
    const id = Object.keys(services())[0];
    const record = only().service.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[1];
    await oob.login();
    try {
      await oob.dsf("PUT", `DSFRecord/${id}/${record.dsf_record_id}/`, { weight: 2, publish: "Y" });
    } finally {
      await oob.logout();
    }
    assert.deepEqual(naWeights(), [10, 2]);

    emulator.control.resetMetrics();
    const refreshed = await ws.run(["refresh", "--yes", "--diff"]);
    assert.match(refreshed.stdout, /weight\s*:\s*5\s*=>\s*2/, "the refresh diff shows the record's new weight");
    // `refresh --yes` previews, then refreshes: two provider processes, each reading the service once.
    assert.equal(emulator.control.metrics().requests["GET /REST/DSF/:service_id"], 2, "one read of the service per provider process");
    const plan = await ws.runJson(["preview"]);
    const steps = (plan.json.steps ?? []).filter((s: any) => s.urn.includes("dyn:TrafficDirector::")).map((s: any) => s.op);
    assert.deepEqual(steps, ["update"]);

    emulator.control.resetMetrics();
    await ws.run(["up", "--yes"]);
    const m = emulator.control.metrics();
    assert.deepEqual(writes(m), { "PUT /REST/DSFRecord/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 1 });
    assert.equal(m.dsfPublishesTotal, 1);
    assert.deepEqual(naWeights(), [10, 5]);
    await ws.run(["preview", "--expect-no-changes"]);
    await ws.run(["refresh", "--yes", "--expect-no-changes"]);
  });

  it("pulumi destroy deletes the service, the monitor and the zone", async () => {
    await ws.run(["destroy", "--yes"]);
    const state = emulator.control.state();
    assert.deepEqual([Object.keys(state.dsf.services), Object.keys(state.dsf.monitors), Object.keys(state.zones)], [[], [], []]);
    assert.ok(!ws.allOutput().includes(ACCOUNT.password), "the password never appears in the output");
  });
});
