/**
 * Scenario benchmarks of issue 8: the real `pulumi` CLI on the packed package, octoDNS with its
 * Dyn provider, naive dyn-python and the engine floor, all against one emulator process with the
 * same configuration (injected latency, rate limit out of the way or at DynECT's real
 * 300/min with a 60 s lock-out). Flags: bench/lib/args.ts; what is measured: bench/README.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ensurePulumiCli } from "../test/e2e/harness/pulumi-cli";
import { packedProject, REPO_ROOT } from "../test/helpers/packed";
import { ensurePython } from "../test/helpers/python";
import { isSelected, parseBenchArgs, SCENARIOS } from "./lib/args";
import { ZONES } from "./lib/dataset";
import { EmulatorProcess, NO_RATE_LIMIT } from "./lib/emulator";
import { aggregate, OPS, type OpSample } from "./lib/measure";
import { killAll } from "./lib/processes";
import { printProfile } from "./lib/print-profile";
import { BENCH_TMP, benchModules } from "./lib/pulumi";
import { addOctodnsRatios, appendResult, markdownTable, resultsFile, writeReadmeTable, type ScenarioResult } from "./lib/report";
import { PULUMI_SCENARIOS } from "./scenarios/pulumi";
import { PYTHON_SCENARIOS } from "./scenarios/python";
import type { BenchContext, Scenario } from "./scenarios/scenario";

/** Baselines first, then ours, then the rate-limited runs (the table keeps this order). */
const ALL: Scenario[] = [...PYTHON_SCENARIOS, ...PULUMI_SCENARIOS].sort((a, b) => Number(a.rateLimited) - Number(b.rateLimited));
const REAL_LIMIT = { perMinute: 300, lockoutMs: 60_000 };

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

function installedExportsZoneRecords(installedDir: string): boolean {
  const out = execFileSync(process.execPath, ["-e", "process.stdout.write(typeof require('pulumi-dyn').ZoneRecords)"], { cwd: installedDir, encoding: "utf8" });
  return out === "function";
}

let cli: Promise<string> | undefined;
function binDir(): Promise<string> {
  cli ??= ensurePulumiCli().catch((e: unknown) => {
    throw new Error(
      `the pulumi CLI is not available and scripts/setup-pulumi.sh could not provide it (it builds one into .tools/bin with Go >= 1.25):\n${e instanceof Error ? e.message : String(e)}`,
    );
  });
  return cli;
}

async function runScenario(ctx: BenchContext, s: Scenario, n: number): Promise<ScenarioResult> {
  const limit = s.rateLimited ? REAL_LIMIT : { perMinute: NO_RATE_LIMIT, lockoutMs: REAL_LIMIT.lockoutMs };
  const base: ScenarioResult = { scenario: s.id, label: s.label, n, zones: ZONES, latencyMs: ctx.args.latencyMs, rateLimit: s.rateLimited ? REAL_LIMIT : "off", ops: [] };
  const skipped = s.skip?.(ctx);
  if (skipped) return { ...base, skipped };
  const perOp = new Map<string, OpSample[]>();
  let notes: Record<string, unknown> | undefined;
  try {
    for (let run = 1; run <= ctx.args.runs; run++) {
      await ctx.emulator.reset({ latencyMs: ctx.args.latencyMs, ...limit });
      const t0 = Date.now();
      const out = await s.run(ctx, n);
      notes = out.notes;
      for (const [op, sample] of Object.entries(out.samples)) perOp.set(op, [...(perOp.get(op) ?? []), sample]);
      console.log(`  ${s.id} N=${n} run ${run}/${ctx.args.runs}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
  const ops = OPS.filter((op) => perOp.has(op)).map((op) => aggregate(op, perOp.get(op) as OpSample[], n));
  return { ...base, ops, notes };
}

async function main(): Promise<void> {
  const args = parseBenchArgs();
  // --quick leaves out the rate-limited runs (a lock-out alone is 60 s) unless --only names them
  const selected = ALL.filter((s) => isSelected(args, s.name) && (args.ids === undefined || args.ids.includes(s.id)) && !(args.quick && s.rateLimited && !args.only?.includes("ratelimit")));
  if (selected.length === 0) {
    console.log("no scenario selected (the others: " + SCENARIOS.join(", ") + ")");
    return;
  }
  const startedAt = new Date();
  mkdirSync(BENCH_TMP, { recursive: true });
  const installedDir = await packedProject();
  const modulesDir = benchModules(installedDir);
  const emulator = await EmulatorProcess.start(installedDir, join(BENCH_TMP, "emulator.log"));
  const ctx: BenchContext = {
    args,
    emulator,
    installedDir,
    modulesDir,
    binDir,
    python: (venv) => ensurePython(venv),
    hasZoneRecords: installedExportsZoneRecords(installedDir),
  };
  const file = resultsFile(startedAt);
  const meta = {
    startedAt: startedAt.toISOString(),
    commit: `${git(["rev-parse", "--short", "HEAD"])}${git(["status", "--porcelain", "--", "provider", "package.json"]) ? "+dirty" : ""}`,
    node: process.version,
    cpus: cpus().length,
    loadAvg1: Math.round(loadavg()[0] * 100) / 100,
    mode: args.profile ? "profile" : args.quick ? "quick" : "full",
    dynConfig: args.dynConfig,
    skipCheckpoints: args.skipCheckpoints,
  };
  const results: ScenarioResult[] = [];
  try {
    for (const s of selected) {
      for (const n of args.n ?? s.defaultNs(ctx)) {
        console.log(`\n== ${s.id}: ${s.label}, N=${n}${s.rateLimited ? ", 300 requests/min" : ""}`);
        const result = await runScenario(ctx, s, n);
        results.push(result);
        appendResult(file, meta, result);
        if (result.error) console.error(`  FAILED: ${result.error}`);
        if (result.skipped) console.log(`  skipped: ${result.skipped}`);
        if (args.profile) printProfile(result);
      }
    }
  } finally {
    await emulator.close().catch(() => undefined);
    await killAll();
  }
  addOctodnsRatios(results);
  const table = markdownTable(results);
  const header =
    `\`npm run bench -- ${process.argv.slice(2).join(" ")}\` (${meta.mode}), ${meta.startedAt}, commit ${meta.commit}, ` +
    `${meta.cpus} CPUs (load ${meta.loadAvg1} at start), emulator latency ${args.latencyMs} ms, ${args.runs} run(s); results: bench/results/${file.split("/").pop()}`;
  console.log(`\n${header}\n\n${table}`);
  if (args.readme) writeReadmeTable(header, table);
  // rewrite the file with the ratios (they need every scenario's result)
  writeFileSync(file, results.map((r) => JSON.stringify({ ...meta, ...r })).join("\n") + "\n");
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  await killAll();
  process.exit(1);
});
