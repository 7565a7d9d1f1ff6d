/**
 * `pulumi-dyn generate` end to end: zones built by hand (a BIND file uploaded through the DynECT
 * API, plus records added one by one) and a Traffic Director service built by hand at a node of
 * each, as a Dyn UI user would (labels we did not choose — the same label on both services —, a
 * monitor, two geo rulesets, a pool of weighted A records, a CNAME failover, and a plain A record
 * left at the node from before) → the installed package's `pulumi-dyn generate` writes a
 * TypeScript program → it type-checks against the installed package → `pulumi up` adopts everything
 * with ZERO changes at DynECT (no request but reads, no zone or service publish) → `pulumi preview
 * --expect-no-changes` passes → nothing duplicated (no second service or monitor, the node's plain
 * record left alone, not declared). Both styles (ZoneRecords; Record/RecordSet), the `--stack`
 * credentials path, and the errors a user meets (a missing zone, bad credentials, an account with
 * no zones).
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type MetricsSnapshot, type RunningEmulator } from "../../provider/emulator";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { OutOfBandClient } from "./harness/dynect-rest";
import { ensurePulumiCli, PulumiWorkspace } from "./harness/pulumi-cli";

const ACCOUNT = { customer: "gen-customer", user: "gen-user", password: `pw-${randomBytes(12).toString("hex")}` };
const EMPTY = { customer: "empty-customer", user: "nobody", password: `pw-${randomBytes(8).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `generate-${process.pid}`);

const ZONE_FILE = (zone: string) => `$TTL 3600
@       IN SOA  ns1.${zone}. hostmaster.${zone}. ( 1 3600 600 604800 1800 )
@       300   IN A      198.51.100.10
@       300   IN A      198.51.100.11
@             IN MX     10 mx1.${zone}.
@             IN MX     20 mx2.${zone}.
@             IN TXT    "v=spf1 mx -all"
@             IN CAA    0 issue "letsencrypt.org"
www     86400 IN CNAME  ${zone}.
_sip._tcp     IN SRV    10 5 5060 sip.${zone}.
sub           IN NS     ns1.elsewhere.example.
mail    600   IN AAAA   2001:db8::25
`;

type Live = { fqdn: string; record_type: string; ttl: number; rdata: Record<string, unknown> }[];

/** The label both hand-made services carry (Dyn does not keep labels unique), so they are adopted by id. */
const SERVICE_LABEL = "Geo web (built in the UI)";

/**
 * A Traffic Director service at `geo.<zone>` built step by step through the REST API, as the Dyn UI
 * does it: a monitor, a "Europe + UK" ruleset answering from a pool of weighted A records (the
 * monitor probes them) with a CNAME failover, and a "North America" ruleset sharing that pool; then
 * published. Returns the service id.
 */
async function handMadeService(dyn: OutOfBandClient, zone: string): Promise<string> {
  await dyn.login();
  try {
    const options = { port: 443, path: "/healthz", host: `geo.${zone}`, timeout: 10 };
    const monitor = await dyn.dsf("POST", "DSFMonitor/", { label: `geo https (${zone})`, protocol: "HTTPS", response_count: 1, probe_interval: 300, retries: 1, active: "Y", options });
    const id = (await dyn.dsf("POST", "DSF/", { label: SERVICE_LABEL, ttl: 120, nodes: [{ zone, fqdn: `geo.${zone}` }], publish: "N" })).service_id;
    const europe = await dyn.dsf("POST", `DSFRuleset/${id}/`, { label: "Europe + UK", criteria_type: "geoip", criteria: { geoip: { region: [13], country: ["GB"] } }, publish: "N" });
    const pool = await dyn.dsf("POST", `DSFResponsePool/${id}/`, { label: "EU web", core_set_count: 1, dsf_ruleset_id: europe.dsf_ruleset_id, publish: "N" });
    const chain = await dyn.dsf("POST", `DSFRecordSetFailoverChain/${id}/${pool.dsf_response_pool_id}/`, { label: "EU chain", core: true, publish: "N" });
    const set = await dyn.dsf("POST", `DSFRecordSet/${id}/`, { rdata_class: "A", label: "EU servers", serve_count: 2, dsf_monitor_id: monitor.dsf_monitor_id, dsf_record_set_failover_chain_id: chain.dsf_record_set_failover_chain_id, publish: "N" });
    for (const [address, weight] of [["198.51.100.1", 3], ["198.51.100.2", 7], ["198.51.100.3", 1]] as const) {
      await dyn.dsf("POST", `DSFRecord/${id}/${set.dsf_record_set_id}/`, { label: `eu ${address}`, weight, rdata: { a_rdata: { address } }, publish: "N" });
    }
    await dyn.dsf("PUT", `DSFRuleset/${id}/${europe.dsf_ruleset_id}/`, { response_pools: [{ dsf_response_pool_id: pool.dsf_response_pool_id }, { failover: "fallback.example.net." }], publish: "N" });
    await dyn.dsf("POST", `DSFRuleset/${id}/`, { label: "North America", criteria_type: "geoip", criteria: { geoip: { region: [11], province: ["on"] } }, response_pools: [{ dsf_response_pool_id: pool.dsf_response_pool_id }], publish: "N" });
    await dyn.dsf("PUT", `DSF/${id}/`, { publish: "Y" });
    return id;
  } finally {
    await dyn.logout();
  }
}

function liveRecords(emu: RunningEmulator, zone: string): string[] {
  const z = emu.control.state().zones[zone] as { records: Live } | undefined;
  assert.ok(z, `zone ${zone} exists`);
  return z.records.map((r) => `${r.fqdn} ${r.ttl} ${r.record_type} ${JSON.stringify(r.rdata)}`).sort();
}

/** Requests that change something (everything but reads and the session calls). */
function writes(m: MetricsSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(m.requests).filter(([k]) => !k.startsWith("GET ") && !k.includes("/REST/Session")));
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function generate(installed: string, args: string[], env: NodeJS.ProcessEnv, cwd = installed): Promise<Run> {
  const bin = join(installed, "node_modules", "pulumi-dyn", "dist", "cli", "index.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "generate", ...args], { cwd, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("pulumi-dyn generate: take over hand-made DNS in one command", () => {
  let emu: RunningEmulator;
  let binDir: string;
  let installed: string;
  let env: NodeJS.ProcessEnv;
  const serviceIds: Record<string, string> = {};
  /** Every Traffic Director service and monitor as the emulator holds it. */
  const liveDsf = () => JSON.stringify(emu.control.state().dsf);

  before(
    async () => {
      [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emu = await startEmulator({ port: 0, accounts: [ACCOUNT, EMPTY] });
      const dyn = new OutOfBandClient(emu.url, ACCOUNT);
      for (const zone of ["gen-zr.example", "gen-rec.example"]) {
        await dyn.change(zone, async (c) => {
          await c.uploadZoneFile(zone, ZONE_FILE(zone));
        });
        // Added by hand afterwards: a long TXT (DynECT keeps it as quoted chunks), a second A at
        // www2, and an A at geo left from before the Traffic Director service took that name over.
        await dyn.change(zone, async (c) => {
          await c.create("TXT", zone, `sel._domainkey.${zone}`, { txtdata: `"v=DKIM1; k=rsa; p=${"A".repeat(230)}" "${"B".repeat(120)}"` }, 300);
          await c.create("A", zone, `www2.${zone}`, { address: "198.51.100.30" }, 60);
          await c.create("A", zone, `geo.${zone}`, { address: "192.0.2.200" }, 300);
        });
        serviceIds[zone] = await handMadeService(dyn, zone);
      }
      const { DYN_CUSTOMER_NAME: _a, DYN_USERNAME: _b, DYN_PASSWORD: _c, DYN_API_URL: _d, ...rest } = process.env;
      env = { ...rest, DYN_CUSTOMER_NAME: ACCOUNT.customer, DYN_USERNAME: ACCOUNT.user, DYN_PASSWORD: ACCOUNT.password, DYN_API_URL: emu.url };
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emu?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  async function project(name: string, program: string): Promise<{ dir: string; ws: PulumiWorkspace }> {
    const work = join(WORK, name);
    const dir = join(work, "project");
    rmSync(work, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`);
    writeFileSync(join(dir, "index.ts"), program);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, noEmit: true }, files: ["index.ts"] }));
    symlinkSync(join(installed, "node_modules"), join(dir, "node_modules"), "dir");
    const ws = new PulumiWorkspace(dir, work, binDir, "dev");
    await ws.initStack(ACCOUNT, emu.url);
    return { dir, ws };
  }

  /** The generated program compiles against the installed package's types, strict. */
  function typeCheck(dir: string): void {
    const tsc = join(installed, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, `the generated program does not type-check:\n${r.stdout}${r.stderr}`);
  }

  async function adoptsWithZeroChanges(zone: string, style: string): Promise<string> {
    const before = liveRecords(emu, zone);
    const dsfBefore = liveDsf();
    const gen = await generate(installed, ["--zone", zone, "--style", style], env);
    assert.equal(gen.code, 0, gen.stderr);
    assert.match(gen.stderr, /1 zone\(s\), 10 record set\(s\), 1 Traffic Director service\(s\), 1 monitor\(s\)/);
    assert.doesNotMatch(gen.stdout + gen.stderr, new RegExp(ACCOUNT.password), "the password never appears");
    const { dir, ws } = await project(`gen-${style}`, gen.stdout);
    typeCheck(dir);
    emu.control.resetMetrics();
    await ws.run(["up", "--yes"]);
    const m = emu.control.metrics();
    assert.deepEqual(writes(m), {}, `adopting wrote to DynECT: ${JSON.stringify(writes(m))}`);
    assert.deepEqual([m.publishesTotal, m.dsfPublishesTotal], [0, 0], "no zone and no service published");
    await ws.run(["preview", "--expect-no-changes"]);
    assert.deepEqual(liveRecords(emu, zone), before, "nothing changed, nothing duplicated");
    assert.equal(liveDsf(), dsfBefore, "the services and monitors as they were: none added, none changed");
    assertTrafficDirector(gen.stdout, zone);
    return gen.stdout;
  }

  /** The service and its monitor as generated: references to the Zone and the monitor, labels as live, adopted by id where the label is not unique. */
  function assertTrafficDirector(program: string, zone: string): void {
    const has = (text: string, why: string) => assert.ok(program.includes(text), `${why}: ${text}`);
    const zoneVar = zone === "gen-zr.example" ? "genZrExample" : "genRecExample";
    const monitorVar = /const (\w+) = new dyn\.TrafficDirectorMonitor\(/.exec(program)?.[1];
    assert.ok(monitorVar, "a TrafficDirectorMonitor");
    has(`  label: "geo https (${zone})",\n  protocol: "HTTPS",`, "the monitor's own label");
    has(`  options: { timeout: 10, port: 443, path: "/healthz", host: "geo.${zone}" },\n  adopt: true,\n`, "a unique monitor label: adopted by label");
    has(`  label: ${JSON.stringify(SERVICE_LABEL)},\n  ttl: 120,\n  nodes: [{ zone: ${zoneVar}.name, name: "geo" }],`, "the node references the Zone");
    has(`monitor: ${monitorVar}.id,`, "the record set references the monitor");
    has(`{ rdata: { address: "198.51.100.2" }, weight: 7, label: "eu 198.51.100.2" }`, "weighted records");
    has(`geo: { regions: ["europe"], countries: ["GB"] },\n      pools: ["EU web"],\n      failover: "fallback.example.net",`, "readable regions, the CNAME failover");
    has(`geo: { regions: ["north-america"], provinces: ["ON"] }, pools: ["EU web"] }`, "the second geo rule shares the pool");
    has(`// Adopted by id: more than one service is labelled ${JSON.stringify(SERVICE_LABEL)}.\nnew dyn.TrafficDirector(`, "why it is adopted by id");
    has(`  adopt: ${JSON.stringify(serviceIds[zone])},\n});`, "adopted by id");
    assert.doesNotMatch(program, /192\.0\.2\.200/, "the plain A left at the service's node is not declared");
  }

  it("--style zone-records: one Zone and one ZoneRecords, adopted with zero changes", async () => {
    const program = await adoptsWithZeroChanges("gen-zr.example", "zone-records");
    assert.match(program, /new dyn\.ZoneRecords\("gen-zr-example-records"/);
    assert.match(program, /ignore: \["geo A", "geo CNAME"\],/, "what the service answers with at its node is left to it");
    assert.match(program, /\{ name: "@", type: "MX", ttl: 3600, values: \[\{ preference: 10, exchange: "mx1\.gen-zr\.example" \}/, "readable: zone-file field order, no trailing dot");
    assert.match(program, /txtdata: "v=DKIM1; k=rsa; p=A{230}B{120}"/, "long TXT as one readable string");
    assert.doesNotMatch(program, /SOA|dynect\.net/, "Dyn's SOA and NS are left out");
  });

  it("--style records: Record and RecordSet resources, adopted with zero changes", async () => {
    const program = await adoptsWithZeroChanges("gen-rec.example", "records");
    assert.match(program, /new dyn\.RecordSet\("gen-rec-example-apex-a"/);
    assert.match(program, /new dyn\.Record\("gen-rec-example-www-cname"/);
    assert.match(program, /\/\/ Answered by Traffic Director \(below\), so not declared here: geo A, geo CNAME\./);
    assert.doesNotMatch(program, /"gen-rec-example-geo-a"/);
  });

  it("--stack reads the credentials from the stack's config through the Pulumi CLI", async () => {
    const { dir, ws } = await project("gen-stack", "export {};\n");
    const { DYN_CUSTOMER_NAME: _a, DYN_USERNAME: _b, DYN_PASSWORD: _c, DYN_API_URL: _d, ...bare } = env;
    const gen = await generate(installed, ["--zone", "gen-zr.example", "--stack", "dev", "--out", join(dir, "generated.ts")], { ...ws.env, ...bare, PATH: ws.env.PATH }, dir);
    assert.equal(gen.code, 0, gen.stderr);
    assert.match(readFileSync(join(dir, "generated.ts"), "utf8"), /new dyn\.Zone\("gen-zr-example"/);
  });

  it("says what is wrong: a missing zone, bad credentials, an account with no zones, no zone given", async () => {
    const missing = await generate(installed, ["--zone", "nope.example"], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /zone nope\.example does not exist in the account/);
    const bad = await generate(installed, ["--zone", "gen-zr.example"], { ...env, DYN_PASSWORD: "wrong" });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Login failed.*check dyn:customerName, dyn:username and dyn:password/);
    assert.doesNotMatch(bad.stderr, /wrong/);
    const none = await generate(installed, ["--all"], { ...env, DYN_CUSTOMER_NAME: EMPTY.customer, DYN_USERNAME: EMPTY.user, DYN_PASSWORD: EMPTY.password });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /has no zones/);
    const usage = await generate(installed, [], env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--zone <name>/);
  });
});
