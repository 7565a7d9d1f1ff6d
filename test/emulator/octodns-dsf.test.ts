/**
 * Third-party client check: octoDNS 1.22 with its Dyn provider (octodns-dyn 0.0.1, over dyn-python
 * 1.8.1) and `traffic_directors_enabled: true`, unmodified, against the emulator
 * (test/helpers/python/octodns_cli.py only points dyn-python's session at it). A YamlProvider
 * source in a temp dir is synced: dynamic records are created, changed, re-synced with no change
 * (the plan must be empty), then deleted; geo records are read, changed and deleted.
 *
 * octodns-dyn 0.0.1 cannot create a geo response pool on Python 3 (`_mod_geo_rulesets` turns the
 * pool list into `dict.values()` and later calls `.append` on it), so the geo service is first
 * built through the REST API exactly as `_mod_geo_rulesets` lays it out — octoDNS then reads it,
 * updates it (pools it already has are reused, so the broken append is not reached) and deletes it.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../provider/emulator";
import { ensurePython, runPython } from "../helpers/python";
import { ACCOUNT, Client, makeZone, repoRoot, start } from "./helpers";

const CLI = path.join(repoRoot, "test/helpers/python/octodns_cli.py");
const ZONE = "octo.test";

/** JSON is YAML; octoDNS's loader insists on sorted keys at every level. */
function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, val]) => [k, sort(val)])) : x;
  return JSON.stringify(sort(v), null, 1);
}

interface Plan {
  creates: number;
  updates: number;
  deletes: number;
}

describe("octoDNS's Dyn provider with Traffic Directors against the emulator", () => {
  let emu: RunningEmulator;
  let py = "";
  let dir = "";
  let c: Client;

  before(async () => {
    py = ensurePython("octodns");
    emu = await start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "octodns-dsf-"));
    fs.mkdirSync(path.join(dir, "zones"));
    const config = {
      providers: {
        config: { class: "octodns.provider.yaml.YamlProvider", directory: path.join(dir, "zones") },
        dyn: { class: "octodns_dyn.DynProvider", customer: ACCOUNT.customer, username: ACCOUNT.user, password: "env/DYN_TEST_PASSWORD", traffic_directors_enabled: true },
      },
      zones: { [`${ZONE}.`]: { sources: ["config"], targets: ["dyn"] } },
    };
    fs.writeFileSync(path.join(dir, "config.yaml"), sortedJson(config));
    c = new Client(emu.url);
    await c.login();
  });
  after(async () => {
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the zone's records and runs `octodns-sync` (with `--doit` to apply); returns the plan. */
  async function sync(records: Record<string, unknown>, doit: boolean): Promise<Plan> {
    fs.writeFileSync(path.join(dir, "zones", `${ZONE}.yaml`), sortedJson(records));
    const url = new URL(emu.url);
    const args = [CLI, url.hostname, url.port, "sync", "--config-file", path.join(dir, "config.yaml"), ...(doit ? ["--doit"] : [])];
    const run = await runPython(py, args, { cwd: dir, env: { DYN_TEST_PASSWORD: ACCOUNT.password }, timeoutMs: 120_000 });
    const output = run.stdout + run.stderr;
    assert.equal(run.code, 0, `octodns-sync failed:\n${output.slice(-4000)}`);
    if (/No changes were planned/.test(output)) return { creates: 0, updates: 0, deletes: 0 };
    const m = /Summary: Creates=(\d+), Updates=(\d+), Deletes=(\d+)/.exec(output);
    assert.ok(m, `no plan summary in:\n${output.slice(-4000)}`);
    return { creates: Number(m[1]), updates: Number(m[2]), deletes: Number(m[3]) };
  }

  const services = () => Object.values(emu.control.state().dsf.services);
  const service = (label: string) => services().find((s) => s.label === label);
  /** ruleset label prefix (octoDNS appends ":<uuid>"), criteria lists, pool labels — in serving order */
  const rules = (label: string) =>
    (service(label)?.service.rulesets as any[]).map((rs) => [rs.label.split(":")[0], rs.criteria_type, rs.criteria.geoip, rs.response_pools.map((p: any) => p.label)]);
  /** pool label → sorted [address, weight] of its records, for every pool of the service (referenced or not) */
  async function pools(label: string): Promise<Record<string, [string, number][]>> {
    const id = (service(label)?.service as any).service_id;
    const list = await c.ok("GET", `/REST/DSFResponsePool/${id}/`, { detail: "Y" });
    return Object.fromEntries(
      list.map((p: any) => [p.label, p.rs_chains.flatMap((ch: any) => ch.record_sets.flatMap((s: any) => s.records.map((r: any) => [r.master_line, r.weight]))).sort()]),
    );
  }

  const apex = { "": { type: "A", value: "192.0.2.50" } };
  const dynamic = (naWeight: number, withAsia: boolean) => ({
    type: "A",
    ttl: withAsia ? 120 : 3600,
    values: ["192.0.2.100"],
    dynamic: {
      pools: {
        na: { values: [{ value: "192.0.2.110", weight: naWeight }, { value: "192.0.2.111", weight: 10 }] },
        eu: { fallback: "na", values: withAsia ? [{ value: "192.0.2.121" }, { value: "192.0.2.122" }] : [{ value: "192.0.2.120" }] },
        ...(withAsia ? { as: { values: [{ value: "192.0.2.130" }] } } : {}),
      },
      rules: [{ geos: ["NA-CA", "NA-US-CA"], pool: "na" }, { geos: ["EU"], pool: "eu" }, ...(withAsia ? [{ geos: ["AS-JP"], pool: "as" }] : []), { pool: "na" }],
    },
    octodns: { healthcheck: { host: "dyn.octo.test", path: "/_health", port: 443, protocol: "HTTPS" } },
  });

  it("dynamic record: create, change weights/pools/rules/TTL, no-change sync plans nothing, delete", async () => {
    const label = "dyn.octo.test.:A";
    assert.deepEqual(await sync({ ...apex, dyn: dynamic(5, false) }, true), { creates: 2, updates: 0, deletes: 0 });
    const created = service(label);
    assert.ok(created, "service labelled <fqdn>:<type>");
    assert.equal(created.pending, 0);
    assert.deepEqual(created.service.nodes, [{ zone: ZONE, fqdn: "dyn.octo.test" }]);
    assert.equal(created.service.ttl, "3600");
    // rules created one by one at the same insert position end up in configuration order, default last
    assert.deepEqual(rules(label), [
      ["2", "geoip", { region: [], country: ["CA"], province: ["ca"] }, ["na", "default"]],
      ["1", "geoip", { region: ["13"], country: [], province: [] }, ["eu", "na", "default"]],
      ["0", "always", { region: [], country: [], province: [] }, ["na", "default"]],
      ["default", "always", { region: [], country: [], province: [] }, ["default"]],
    ]);
    assert.deepEqual(await pools(label), {
      default: [["192.0.2.100", 1]],
      eu: [["192.0.2.120", 1]],
      na: [
        ["192.0.2.110", 5],
        ["192.0.2.111", 10],
      ],
    });
    const monitors = Object.values(emu.control.state().dsf.monitors) as any[];
    assert.deepEqual(
      monitors.map((m) => [m.label, m.protocol, m.host, m.path, m.port]),
      [[label, "HTTPS", "dyn.octo.test", "/_health", "443"]],
    );
    assert.deepEqual(await sync({ ...apex, dyn: dynamic(5, false) }, false), { creates: 0, updates: 0, deletes: 0 }, "what octoDNS wrote reads back equal");

    assert.deepEqual(await sync({ ...apex, dyn: dynamic(7, true) }, true), { creates: 0, updates: 1, deletes: 0 });
    const changed = service(label);
    assert.equal(changed?.service.ttl, "120");
    assert.equal(changed?.pending, 0);
    assert.deepEqual(
      rules(label).map((r) => [r[0], r[3]]),
      [
        ["3", ["na", "default"]],
        ["2", ["eu", "na", "default"]],
        ["1", ["as", "default"]],
        ["0", ["na", "default"]],
        ["default", ["default"]],
      ],
      "old rulesets deleted, new ones in order",
    );
    assert.deepEqual(await pools(label), {
      default: [["192.0.2.100", 1]],
      as: [["192.0.2.130", 1]],
      eu: [
        ["192.0.2.121", 1],
        ["192.0.2.122", 1],
      ],
      na: [
        ["192.0.2.110", 7],
        ["192.0.2.111", 10],
      ],
    }, "unused pools deleted, unchanged ones reused");
    assert.deepEqual(await sync({ ...apex, dyn: dynamic(7, true) }, false), { creates: 0, updates: 0, deletes: 0 }, "second sync: nothing to do");

    assert.deepEqual(await sync({ ...apex }, true), { creates: 0, updates: 0, deletes: 1 });
    assert.equal(service(label), undefined, "service deleted (immediately, without publish)");
    assert.deepEqual(await sync({ ...apex }, false), { creates: 0, updates: 0, deletes: 0 });
  });

  /** The geo service as octodns-dyn's `_mod_geo_rulesets` builds it, sent the way dyn-python sends it. */
  async function buildGeoService(): Promise<void> {
    const label = "geo.octo.test.:A";
    const monitor = await c.ok("POST", "/REST/DSFMonitor/", {
      label,
      protocol: "HTTPS",
      response_count: 2,
      probe_interval: 60,
      retries: 2,
      active: "Y",
      options: { host: "geo.octo.test", path: "/_dns", port: 443, timeout: 10, header: "User-Agent: Dyn Monitor" },
    });
    const svc = await c.ok("POST", "/REST/DSF/", { label, ttl: 3600, publish: "Y", notes: null, nodes: [{ zone: `${ZONE}.`, fqdn: "geo.octo.test." }] });
    const sid = svc.service_id;
    const pool = async (poolLabel: string, values: string[], monitorId?: string) =>
      (
        await c.ok("POST", `/REST/DSFResponsePool/${sid}/`, {
          publish: "Y",
          label: poolLabel,
          core_set_count: 1,
          eligible: true,
          automation: "auto",
          rs_chains: [{ label: poolLabel, record_sets: [{ rdata_class: "A", label: poolLabel, serve_count: values.length, dsf_monitor_id: monitorId, records: values.map((v) => ({ weight: 1, automation: "auto", eligible: true, rdata: { a_rdata: { address: v } } })) }] }],
        })
      ).dsf_response_pool_id as string;
    const ruleset = async (rsLabel: string, type: string, criteria: unknown, poolIds: string[]) => {
      // octoDNS: create empty at insert position 0, then PUT the pool list (add_response_pool)
      const rs = await c.ok("POST", `/REST/DSFRuleset/${sid}/`, { publish: "Y", label: rsLabel, criteria_type: type, criteria, ordering: 0 });
      await c.ok("PUT", `/REST/DSFRuleset/${sid}/${rs.dsf_ruleset_id}`, { response_pools: poolIds.map((id) => ({ dsf_response_pool_id: id })), publish: "Y" });
    };
    const def = await pool("default", ["192.0.2.1", "192.0.2.2"]);
    await ruleset("default:0a1b", "always", null, [def]);
    const eu = await pool("192.0.2.20", ["192.0.2.20"], monitor.dsf_monitor_id);
    await ruleset("EU:2c3d", "geoip", { geoip: { region: 13 } }, [eu, def]);
    const us = await pool("192.0.2.10", ["192.0.2.10"], monitor.dsf_monitor_id);
    await ruleset("NA-US:4e5f", "geoip", { geoip: { country: "US" } }, [us, def]);
    const ca = await pool("192.0.2.11", ["192.0.2.11"], monitor.dsf_monitor_id);
    await ruleset("NA-US-CA:6a7b", "geoip", { geoip: { province: "ca" } }, [ca, us, def]);
  }

  const geo = (withEu: boolean) => ({
    type: "A",
    values: ["192.0.2.1", "192.0.2.2"],
    geo: { ...(withEu ? { EU: ["192.0.2.20"] } : {}), "NA-US": ["192.0.2.10"], "NA-US-CA": ["192.0.2.11"] },
  });

  it("geo record: reads a geo service with no change, drops a region, deletes", async () => {
    emu.control.reset();
    await c.login();
    await makeZone(c, ZONE);
    await c.ok("POST", `/REST/ARecord/${ZONE}/${ZONE}/`, { rdata: { address: "192.0.2.50" }, ttl: 3600 });
    await c.ok("PUT", `/REST/Zone/${ZONE}/`, { publish: true });
    await buildGeoService();
    const label = "geo.octo.test.:A";
    assert.deepEqual(rules(label), [
      ["NA-US-CA", "geoip", { region: [], country: [], province: ["ca"] }, ["192.0.2.11", "192.0.2.10", "default"]],
      ["NA-US", "geoip", { region: [], country: ["US"], province: [] }, ["192.0.2.10", "default"]],
      ["EU", "geoip", { region: ["13"], country: [], province: [] }, ["192.0.2.20", "default"]],
      ["default", "always", { region: [], country: [], province: [] }, ["default"]],
    ], "scalar and integer criteria stored as string lists");
    assert.deepEqual(await sync({ ...apex, geo: geo(true) }, false), { creates: 0, updates: 0, deletes: 0 }, "octoDNS reads the service back as the configured geo record");

    assert.deepEqual(await sync({ ...apex, geo: geo(false) }, true), { creates: 0, updates: 1, deletes: 0 });
    assert.deepEqual(
      rules(label).map((r) => [r[0], r[3]]),
      [
        ["NA-US-CA", ["192.0.2.11", "192.0.2.10", "default"]],
        ["NA-US", ["192.0.2.10", "default"]],
        ["default", ["default"]],
      ],
    );
    assert.deepEqual(Object.keys(await pools(label)).sort(), ["192.0.2.10", "192.0.2.11", "default"], "the EU pool is gone");
    assert.equal(service(label)?.pending, 0);
    assert.deepEqual(await sync({ ...apex, geo: geo(false) }, false), { creates: 0, updates: 0, deletes: 0 });

    assert.deepEqual(await sync({ ...apex }, true), { creates: 0, updates: 0, deletes: 1 });
    assert.equal(service(label), undefined);
    assert.deepEqual(await sync({ ...apex }, false), { creates: 0, updates: 0, deletes: 0 });
  });
});
