/**
 * The baselines: octoDNS 1.22 with its Dyn provider (`octodns-sync --doit` from a YamlProvider
 * source of the same records, through test/helpers/python/octodns_cli.py) and naive dyn-python
 * (POST + publish per record, bench/python/naive_dyn.py), each against the same emulator.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../test/helpers/packed";
import { dataset, withNextTtl, type BenchRecord, type Dataset } from "../lib/dataset";
import { measure, type CommandOutcome, type Op, type OpSample } from "../lib/measure";
import { ProcSampler } from "../lib/proc-sampler";
import { start } from "../lib/processes";
import { BENCH_TMP } from "../lib/pulumi";
import { verifyPublished, type BenchContext, type RunOutput, type Scenario } from "./scenario";

const PASSWORD_ENV = "DYN_BENCH_PASSWORD";
const TIMEOUT_MS = 90 * 60_000;

async function runPython(ctx: BenchContext, venv: "py" | "octodns", dir: string, step: string, args: string[]): Promise<CommandOutcome> {
  const log = join(dir, `${step}.log`);
  const t0 = process.hrtime.bigint();
  const env = { ...process.env, [PASSWORD_ENV]: ctx.emulator.account.password, PYTHONUNBUFFERED: "1" };
  const proc = start(ctx.python(venv), args, { cwd: dir, env, logFile: log, timeoutMs: TIMEOUT_MS });
  const sampler = new ProcSampler(proc.pid, "tool");
  const code = await proc.exited;
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const usage = sampler.stop();
  if (code !== 0) throw new Error(`${step}: python ${args.join(" ")} exited ${code}; log: ${log}`);
  return { wallMs, usage };
}

/** JSON with keys sorted at every level: valid YAML, and what octoDNS's YAML loader insists on. */
function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]))
      : Array.isArray(x)
        ? x.map(sort)
        : x;
  return JSON.stringify(sort(v), null, 1);
}

/** octoDNS's value for one of our records (host names absolute, as octoDNS requires). */
function octodnsValue(r: BenchRecord): unknown {
  const d = r.rdata;
  switch (r.type) {
    case "A":
    case "AAAA":
      return d.address;
    case "CNAME":
      return d.cname;
    case "NS":
      return d.nsdname;
    case "TXT":
      return d.txtdata;
    default:
      return d; // MX, SRV, CAA: octoDNS uses the same field names as DynECT
  }
}

function writeOctodnsConfig(dir: string, d: Dataset, ctx: BenchContext): string {
  const zonesDir = join(dir, "zones");
  mkdirSync(zonesDir, { recursive: true });
  for (const zone of d.zones) {
    const records = Object.fromEntries(d.records.filter((r) => r.zone === zone).map((r) => [r.name, { ttl: r.ttl, type: r.type, value: octodnsValue(r) }]));
    writeFileSync(join(zonesDir, `${zone}.yaml`), sortedJson(records));
  }
  const a = ctx.emulator.account;
  const config = {
    providers: {
      config: { class: "octodns.provider.yaml.YamlProvider", directory: zonesDir, default_ttl: 3600, enforce_order: true },
      dyn: { class: "octodns_dyn.DynProvider", customer: a.customer, username: a.user, password: `env/${PASSWORD_ENV}` },
    },
    zones: Object.fromEntries(d.zones.map((z) => [`${z}.`, { sources: ["config"], targets: ["dyn"] }])),
  };
  const file = join(dir, "config.yaml");
  writeFileSync(file, sortedJson(config));
  return file;
}

function freshDir(id: string, n: number): string {
  const dir = join(BENCH_TMP, `${id}-n${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function octodnsScenario(id: string, rateLimited: boolean): Scenario {
  return {
    name: rateLimited ? "ratelimit" : "octodns",
    id,
    label: "octoDNS 1.22 + octodns-dyn",
    rateLimited,
    defaultNs: (ctx) => {
      if (ctx.args.quick) return [100];
      if (rateLimited) return [1000];
      // 10,000 only as the baseline of ZoneRecords
      const withZoneRecords = ctx.hasZoneRecords && (ctx.args.only === undefined || ctx.args.only.includes("zonerecords"));
      return withZoneRecords ? [100, 1000, 10_000] : [100, 1000];
    },
    async run(ctx, n): Promise<RunOutput> {
      const dir = freshDir(id, n);
      const wrapper = join(REPO_ROOT, "test", "helpers", "python", "octodns_cli.py");
      const emu = ctx.emulator;
      const sync = (step: string, extra: string[] = []) => () =>
        runPython(ctx, "octodns", dir, step, [wrapper, emu.host, String(emu.port), "sync", "--config-file", join(dir, "config.yaml"), "--doit", ...extra]);
      const samples: Partial<Record<Op, OpSample>> = {};
      let data = dataset(n);
      writeOctodnsConfig(dir, data, ctx);
      samples.create = await measure(emu, sync("create"));
      await verifyPublished(emu, data, "octodns-sync (create)");
      if (rateLimited) return { samples };
      writeOctodnsConfig(dir, (data = withNextTtl(data)), ctx);
      // every record changes: more than octoDNS's 30 % safety threshold, which wants --force
      samples.update = await measure(emu, sync("update", ["--force"]));
      await verifyPublished(emu, data, "octodns-sync (update)");
      samples.noop = await measure(emu, sync("noop"));
      return { samples, notes: { updateFlags: "--force (octoDNS refuses to update > 30 % of a zone without it)" } };
    },
  };
}

const dynPython: Scenario = {
  name: "dynpython",
  id: "dynpython",
  label: "naive dyn-python (POST + publish per record)",
  rateLimited: false,
  defaultNs: (ctx) => (ctx.args.quick ? [100] : [100, 1000]),
  async run(ctx, n): Promise<RunOutput> {
    const dir = freshDir("dynpython", n);
    const data = dataset(n);
    writeFileSync(join(dir, "records.json"), JSON.stringify(data));
    const a = ctx.emulator.account;
    const script = join(REPO_ROOT, "bench", "python", "naive_dyn.py");
    const emu = ctx.emulator;
    const create = await measure(emu, () => runPython(ctx, "py", dir, "create", [script, emu.host, String(emu.port), a.customer, a.user, PASSWORD_ENV, "records.json"]));
    await verifyPublished(emu, data, "dyn-python");
    return { samples: { create } };
  },
};

export const PYTHON_SCENARIOS: Scenario[] = [octodnsScenario("octodns", false), dynPython, octodnsScenario("ratelimit-octodns", true)];
