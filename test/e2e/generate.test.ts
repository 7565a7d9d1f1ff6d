/**
 * `pulumi-dyn generate` end to end: zones built by hand (a BIND file uploaded through the DynECT
 * API, plus records added one by one) → the installed package's `pulumi-dyn generate` writes a
 * TypeScript program → it type-checks against the installed package → `pulumi up` adopts everything
 * with ZERO changes at DynECT (no request but reads, no publish) → `pulumi preview
 * --expect-no-changes` passes → nothing duplicated. Both styles (ZoneRecords; Record/RecordSet), the
 * `--stack` credentials path, and the errors a user meets (a missing zone, bad credentials, an
 * account with no zones).
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

  before(
    async () => {
      [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emu = await startEmulator({ port: 0, accounts: [ACCOUNT, EMPTY] });
      const dyn = new OutOfBandClient(emu.url, ACCOUNT);
      for (const zone of ["gen-zr.example", "gen-rec.example"]) {
        await dyn.change(zone, async (c) => {
          await c.uploadZoneFile(zone, ZONE_FILE(zone));
        });
        // Added by hand afterwards: a long TXT (DynECT keeps it as quoted chunks) and a second A at www2.
        await dyn.change(zone, async (c) => {
          await c.create("TXT", zone, `sel._domainkey.${zone}`, { txtdata: `"v=DKIM1; k=rsa; p=${"A".repeat(230)}" "${"B".repeat(120)}"` }, 300);
          await c.create("A", zone, `www2.${zone}`, { address: "198.51.100.30" }, 60);
        });
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
    const gen = await generate(installed, ["--zone", zone, "--style", style], env);
    assert.equal(gen.code, 0, gen.stderr);
    assert.match(gen.stderr, /1 zone\(s\), 10 record set\(s\)/);
    assert.doesNotMatch(gen.stdout + gen.stderr, new RegExp(ACCOUNT.password), "the password never appears");
    const { dir, ws } = await project(`gen-${style}`, gen.stdout);
    typeCheck(dir);
    emu.control.resetMetrics();
    await ws.run(["up", "--yes"]);
    const m = emu.control.metrics();
    assert.deepEqual(writes(m), {}, `adopting wrote to DynECT: ${JSON.stringify(writes(m))}`);
    assert.equal(m.publishesTotal, 0);
    await ws.run(["preview", "--expect-no-changes"]);
    assert.deepEqual(liveRecords(emu, zone), before, "nothing changed, nothing duplicated");
    return gen.stdout;
  }

  it("--style zone-records: one Zone and one ZoneRecords, adopted with zero changes", async () => {
    const program = await adoptsWithZeroChanges("gen-zr.example", "zone-records");
    assert.match(program, /new dyn\.ZoneRecords\("gen-zr-example-records"/);
    assert.match(program, /\{ name: "@", type: "MX", ttl: 3600, values: \[\{ preference: 10, exchange: "mx1\.gen-zr\.example" \}/, "readable: zone-file field order, no trailing dot");
    assert.match(program, /txtdata: "v=DKIM1; k=rsa; p=A{230}B{120}"/, "long TXT as one readable string");
    assert.doesNotMatch(program, /SOA|dynect\.net/, "Dyn's SOA and NS are left out");
  });

  it("--style records: Record and RecordSet resources, adopted with zero changes", async () => {
    const program = await adoptsWithZeroChanges("gen-rec.example", "records");
    assert.match(program, /new dyn\.RecordSet\("gen-rec-example-apex-a"/);
    assert.match(program, /new dyn\.Record\("gen-rec-example-www-cname"/);
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
