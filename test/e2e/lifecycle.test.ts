/**
 * End to end with the real Pulumi CLI: pulumi-dyn packed with `npm pack`, installed into a
 * throw-away Pulumi project, driven by `pulumi up/preview/refresh/destroy` against the in-process
 * DynECT emulator. One stack, ordered steps (each builds on the previous one):
 *   1 create · 2 no changes (also after refresh) · 3 TTL and rdata updates in place ·
 *   4 out-of-band drift → refresh → up · 5 rename (replace), add, remove, adopt ·
 *   6 destroy · 7 no password or token in clear anywhere · 8 emulator metrics per deployment.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import type { MetricsSnapshot } from "../../provider/emulator";
import { RDATA_FIELDS, type RecordType } from "../../provider/sdk/schemas/rdata";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { OutOfBandClient } from "./harness/dynect-rest";
import { createProject, writeSpec, type ProgramSpec, type RecordSpec } from "./harness/project";
import { ensurePulumiCli, PulumiWorkspace, type CommandResult } from "./harness/pulumi-cli";
import { spyOnIssuedTokens } from "./harness/token-spy";

const ZONE = "e2e.example.org";
const ACCOUNT = { customer: "e2e-customer", user: "e2e-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `lifecycle-${process.pid}`);

/** Provider processes each command starts (pulumi-dynamic-notes §2): preview and apply are separate. */
const PROVIDER_PROCESSES: Record<string, number> = { up: 2, preview: 1, refresh: 2, destroy: 2 };

const baseRecords: RecordSpec[] = [
  { logical: "apex-a", kind: "RecordSet", name: "@", type: "A", ttl: 300, records: [{ address: "192.0.2.1" }, { address: "192.0.2.2" }] },
  { logical: "apex-aaaa", kind: "Record", name: "@", type: "AAAA", ttl: 300, rdata: { address: "2001:db8::1" } },
  { logical: "www", kind: "Record", name: "www", type: "CNAME", ttl: 300, rdata: { cname: ZONE } },
  { logical: "mx", kind: "RecordSet", name: "@", type: "MX", records: [{ preference: 10, exchange: `mail.${ZONE}` }] },
  { logical: "mail", kind: "Record", name: "mail", type: "A", ttl: 600, rdata: { address: "192.0.2.25" } },
  { logical: "spf", kind: "Record", name: "@", type: "TXT", ttl: 3600, rdata: { txtdata: "v=spf1 mx -all" } },
  { logical: "caa", kind: "RecordSet", name: "@", type: "CAA", ttl: 3600, records: [{ flags: 0, tag: "issue", value: "letsencrypt.org" }] },
  { logical: "sip", kind: "Record", name: "_sip._tcp", type: "SRV", ttl: 3600, rdata: { priority: 10, weight: 5, port: 5060, target: `sip.${ZONE}` } },
  { logical: "api", kind: "Record", name: "api", type: "A", ttl: 300, rdata: { address: "192.0.2.30" } },
  { logical: "old", kind: "Record", name: "old", type: "TXT", ttl: 300, rdata: { txtdata: "to be removed" } },
];

function spec(records: RecordSpec[]): ProgramSpec {
  return { zone: { name: ZONE, contact: `hostmaster@${ZONE}`, ttl: 1800 }, records };
}

function withChanges(records: RecordSpec[], changes: Record<string, Partial<RecordSpec>>): RecordSpec[] {
  return records.map((r) => (changes[r.logical] ? { ...r, ...changes[r.logical] } : r));
}

// ── expected vs live records ────────────────────────────────────────────────────────────────────

/** rdata as the emulator returns it: host names absolute with a trailing dot (§6.2). */
function canonicalRdata(type: string, rdata: Record<string, unknown>): string {
  const fields = RDATA_FIELDS[type as RecordType] as Record<string, { kind: string }>;
  return Object.keys(rdata)
    .sort()
    .map((k) => {
      let v = String(rdata[k]);
      if (fields[k]?.kind === "hostname" && !v.endsWith(".")) v += ".";
      return `${k}=${v}`;
    })
    .join(",");
}

function recordKey(fqdn: string, type: string, ttl: number, rdata: Record<string, unknown>): string {
  return `${fqdn} ${ttl} ${type} ${canonicalRdata(type, rdata)}`;
}

function expected(s: ProgramSpec): string[] {
  const out: string[] = [];
  for (const r of s.records) {
    const fqdn = r.name === "@" ? s.zone.name : `${r.name}.${s.zone.name}`;
    const ttl = r.ttl || (s.zone.ttl as number);
    for (const rdata of r.records ?? [r.rdata as Record<string, unknown>]) out.push(recordKey(fqdn, r.type, ttl, rdata));
  }
  return out.sort();
}

interface LiveZone {
  serial: number;
  records: { fqdn: string; record_type: string; ttl: number; rdata: Record<string, unknown> }[];
}

function liveZone(emulator: RunningEmulator): LiveZone | undefined {
  return emulator.control.state().zones[ZONE] as LiveZone | undefined;
}

/** Published user records (SOA and the apex NS set belong to DynECT). */
function live(emulator: RunningEmulator): string[] {
  const zone = liveZone(emulator);
  assert.ok(zone, `the emulator serves no zone ${ZONE}`);
  return zone.records
    .filter((r) => r.record_type !== "SOA" && r.record_type !== "NS")
    .map((r) => recordKey(r.fqdn, r.record_type, r.ttl, r.rdata))
    .sort();
}

// ── pulumi --json helpers ───────────────────────────────────────────────────────────────────────

interface Step {
  op: string;
  urn: string;
}

function urnName(urn: string): string {
  return urn.split("::").pop() as string;
}

/** logical name → ops, for the dyn resources of a preview/refresh JSON result. */
function opsByResource(json: { steps?: Step[] }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of json.steps ?? []) {
    if (!s.urn.includes("pulumi-nodejs:dynamic/dyn:")) continue;
    (out[urnName(s.urn)] ??= []).push(s.op);
  }
  return out;
}

interface StackExport {
  deployment: { resources?: { urn: string; outputs?: Record<string, any> }[] };
}

function stateResource(state: StackExport, logical: string) {
  return state.deployment.resources?.find((r) => r.urn.includes("pulumi-nodejs:dynamic/dyn:") && urnName(r.urn) === logical);
}

function changed(ops: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(ops).filter(([, o]) => !o.every((x) => x === "same")));
}

// ── the test ────────────────────────────────────────────────────────────────────────────────────

describe("pulumi CLI end to end against the emulator", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let projectDir: string;
  let oob: OutOfBandClient;
  let stackExport = "";
  const tokens = spyOnIssuedTokens();
  const deployments: { command: string; kind: string; waves: number; metrics: MetricsSnapshot }[] = [];

  /**
   * Runs a deployment command with fresh emulator metrics and keeps what it cost. `waves` is how
   * many times the engine's own ordering makes the zone's changes wait for earlier ones to finish
   * (see check 8b); previews and refreshes never write, so they may not publish at all.
   * `--parallel` is pinned above the number of resources: the engine's default cap (4 × CPUs)
   * would otherwise split one wave of changes into machine-dependent slices.
   */
  async function deploy(
    kind: keyof typeof PROVIDER_PROCESSES,
    args: string[],
    json = false,
    waves = kind === "up" || kind === "destroy" ? 1 : 0,
  ): Promise<{ result: CommandResult; json?: any }> {
    emulator.control.resetMetrics();
    const full = args[0] === "stack" ? args : [...args, "--parallel", "32"];
    const out = json ? await ws.runJson(full) : { result: await ws.run(full) };
    deployments.push({ command: `pulumi ${args.join(" ")}`, kind, waves, metrics: emulator.control.metrics() });
    return out;
  }

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
      oob = new OutOfBandClient(emulator.url, ACCOUNT);
      projectDir = createProject(join(WORK, "project"), installed);
      ws = new PulumiWorkspace(projectDir, WORK, binDir);
      await ws.initStack(ACCOUNT, emulator.url);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    // Stack, backend and PULUMI_HOME of this run (failures carry the full CLI output in their message).
    rmSync(WORK, { recursive: true, force: true });
  });

  it("1. pulumi up creates the zone and its records; the emulator holds exactly them, published", async () => {
    const s = spec(baseRecords);
    writeSpec(projectDir, s);
    // Two waves: the zone is created (and published) before the engine registers its records.
    const { result } = await deploy("up", ["up", "--yes"], false, 2);
    assert.match(result.stdout, /12 created/);
    assert.deepEqual(live(emulator), expected(s));
    // Nothing left pending in any session: a fresh session sees the same published records.
    await oob.login();
    try {
      const www = await oob.records("CNAME", ZONE, `www.${ZONE}`);
      assert.equal(www.length, 1);
      assert.equal(www[0].rdata.cname, `${ZONE}.`);
    } finally {
      await oob.logout();
    }
  });

  it("2. pulumi preview --expect-no-changes passes, also after pulumi refresh", async () => {
    await deploy("preview", ["preview", "--expect-no-changes"]);
    await deploy("refresh", ["refresh", "--yes", "--expect-no-changes"]);
    await deploy("preview", ["preview", "--expect-no-changes"]);
  });

  it("3. a TTL change and an rdata change are updates in place, not replacements", async () => {
    const s = spec(withChanges(baseRecords, { "apex-a": { ttl: 900 }, mail: { rdata: { address: "192.0.2.26" } } }));
    writeSpec(projectDir, s);
    const { json } = await deploy("preview", ["preview"], true);
    assert.deepEqual(changed(opsByResource(json)), { "apex-a": ["update"], mail: ["update"] });
    const { result } = await deploy("up", ["up", "--yes"]);
    assert.match(result.stdout, /2 updated/);
    assert.doesNotMatch(result.stdout, /replaced/);
    assert.deepEqual(live(emulator), expected(s));
    await deploy("preview", ["preview", "--expect-no-changes"]);
  });

  it("4. an out-of-band change and deletion show in pulumi refresh; pulumi up restores the declared state", async () => {
    const s = spec(withChanges(baseRecords, { "apex-a": { ttl: 900 }, mail: { rdata: { address: "192.0.2.26" } } }));
    await oob.change(ZONE, async (c) => {
      const [www] = await c.records("CNAME", ZONE, `www.${ZONE}`);
      await c.update("CNAME", ZONE, `www.${ZONE}`, www.record_id, { cname: "parked.example.net" }, 60);
      const [spf] = await c.records("TXT", ZONE, ZONE);
      await c.remove("TXT", ZONE, ZONE, spf.record_id);
    });
    assert.notDeepEqual(live(emulator), expected(s));

    const { result: refreshed } = await deploy("refresh", ["refresh", "--yes", "--diff"]);
    assert.match(refreshed.stdout, /parked\.example\.net/, "the refresh diff shows the new live value");
    assert.match(refreshed.stdout, /1 updated/);
    assert.match(refreshed.stdout, /1 deleted/);
    // The state now holds the live values: www as changed, spf gone.
    const state = JSON.parse((await ws.run(["stack", "export"])).stdout) as StackExport;
    const www = stateResource(state, "www");
    assert.deepEqual([www?.outputs?.rdata, www?.outputs?.ttl], [{ cname: "parked.example.net." }, 60]);
    assert.equal(stateResource(state, "spf"), undefined);

    const { json: plan } = await deploy("preview", ["preview"], true);
    assert.deepEqual(changed(opsByResource(plan)), { spf: ["create"], www: ["update"] });
    await deploy("up", ["up", "--yes"]);
    assert.deepEqual(live(emulator), expected(s));
    await deploy("preview", ["preview", "--expect-no-changes"]);
  });

  it("5. renaming replaces; records are added and removed; a pre-existing record is adopted", async () => {
    // A record created by someone else, published before Pulumi knows about it.
    await oob.change(ZONE, async (c) => {
      await c.create("TXT", ZONE, `legacy.${ZONE}`, { txtdata: "legacy-value" }, 300);
    });
    const records = withChanges(baseRecords, {
      "apex-a": { ttl: 900 },
      mail: { rdata: { address: "192.0.2.26" } },
      api: { name: "api2" },
    })
      .filter((r) => r.logical !== "old")
      .concat([
        { logical: "extra", kind: "Record", name: "extra", type: "A", ttl: 300, rdata: { address: "192.0.2.40" } },
        { logical: "legacy", kind: "Record", name: "legacy", type: "TXT", ttl: 600, rdata: { txtdata: "legacy-value" }, adopt: true },
      ]);
    const s = spec(records);
    writeSpec(projectDir, s);

    const { json } = await deploy("preview", ["preview"], true);
    const ops = changed(opsByResource(json));
    assert.ok(ops.api?.some((o) => o.includes("replace")), `api should be replaced: ${JSON.stringify(ops)}`);
    assert.deepEqual(ops.old, ["delete"]);
    assert.deepEqual(ops.extra, ["create"]);
    assert.deepEqual(ops.legacy, ["create"]);
    assert.deepEqual(Object.keys(ops).sort(), ["api", "extra", "legacy", "old"]);

    // Two waves: creations and replacements first, then the deletions the engine runs last.
    const { result } = await deploy("up", ["up", "--yes"], false, 2);
    assert.match(result.stdout, /1 replaced/);
    assert.deepEqual(live(emulator), expected(s), "exactly the declared records, the adopted one once, with the declared TTL");
    await deploy("preview", ["preview", "--expect-no-changes"]);
  });

  it("6. pulumi destroy leaves the emulator with no zone", async () => {
    // Kept for check 7: the state while the resources exist.
    stackExport = (await ws.run(["stack", "export"])).stdout;
    assert.match(stackExport, /dyn:Record/);
    await deploy("destroy", ["destroy", "--yes"]);
    assert.equal(liveZone(emulator), undefined);
    assert.deepEqual(Object.keys(emulator.control.state().zones), []);
  });

  it("7. neither the password nor any session token appears in clear in output, stack export or state files", () => {
    assert.ok(tokens.size >= 1, "the emulator issued tokens during the run");
    const secrets = [ACCOUNT.password, ...tokens];
    const haystacks: [string, string][] = [
      ["output of every pulumi command", ws.allOutput()],
      ["pulumi stack export", stackExport],
    ];
    for (const file of filesUnder(WORK)) haystacks.push([file, readFileSync(file, "latin1")]);
    assert.ok(stackExport.length > 0 && haystacks.length > 3);
    for (const [where, text] of haystacks) {
      for (const secret of secrets) {
        const what = secret === ACCOUNT.password ? "the password" : "a session token";
        assert.ok(!text.includes(secret), `${what} appears in clear in ${where}`);
      }
    }
    // The password is in the stack config, encrypted.
    const stackConfig = readFileSync(join(projectDir, `Pulumi.${ws.stack}.yaml`), "utf8");
    assert.match(stackConfig, /dyn:password:\s*\n\s*secure:/);
  });

  const metricsReport = () =>
    deployments
      .map((d) => `${d.command}: logins ${d.metrics.logins}, publishes ${d.metrics.publishesTotal}, "job running" ${d.metrics.jobRunningReplies}`)
      .join("\n");

  it("8a. emulator metrics: at most one login per provider process, no 'job running' reply, previews never publish", (t) => {
    t.diagnostic(`per deployment:\n${metricsReport()}`);
    for (const d of deployments) {
      assert.ok(d.metrics.logins <= PROVIDER_PROCESSES[d.kind], `more logins than provider processes in ${d.command}\n${metricsReport()}`);
      assert.equal(d.metrics.loginFailures, 0, `login failures in ${d.command}\n${metricsReport()}`);
      assert.equal(d.metrics.jobRunningReplies, 0, `"job running" replies in ${d.command}\n${metricsReport()}`);
      if (d.kind === "preview") assert.equal(d.metrics.publishesTotal, 0, `a preview published: ${d.command}`);
    }
  });

  // The bound is "publishes ≤ zones touched per deployment". Each change resolves only
  // after the publish that contains it (the zone batcher's guarantee, resources issue), so a zone
  // is published once per wave of changes the engine issues together: a deployment that only
  // updates, adds or deletes records publishes each zone once; creating a zone and its records
  // takes two waves (the engine registers records only once the zone exists), and so does one
  // that creates and deletes (the engine deletes after every creation). Previews and refreshes
  // publish nothing. Anything above that means the batcher split a wave.
  it("8b. emulator metrics: publishes ≤ zones touched × the engine's waves of changes, per deployment", () => {
    for (const d of deployments) {
      const zonesTouched = 1; // every deployment here touches the one zone
      assert.ok(
        d.metrics.publishesTotal <= zonesTouched * d.waves,
        `${d.metrics.publishesTotal} publishes for ${zonesTouched} zone in ${d.waves} wave(s) in ${d.command}\n${metricsReport()}`,
      );
    }
  });
});

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out = out.concat(filesUnder(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}
