/**
 * The scenarios that drive the real `pulumi` CLI: pulumi-dyn with one `dyn.Record` per record or
 * one `dyn.ZoneRecords` per zone, and the engine floor (the same graph on a no-op provider).
 * Each run: `up` (create) → `up` after every TTL changed → `preview --expect-no-changes` →
 * `refresh --expect-no-changes` → `destroy`, all at default flags (no --parallel).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataset, withNextTtl, type Dataset } from "../lib/dataset";
import { profilesOf, summarize } from "../lib/cpu-profile";
import { timeline } from "../lib/events";
import { measure, type Op, type OpSample } from "../lib/measure";
import { SERIALIZED_SIZES_SCRIPT, type ProgramKind } from "../lib/programs";
import { PulumiBench, type CommandRun } from "../lib/pulumi";
import { verifyPublished, type BenchContext, type RunOutput, type Scenario } from "./scenario";
import type { ScenarioName } from "../lib/args";

const STEPS: { op: Op; args: string[]; next?: boolean }[] = [
  { op: "create", args: ["up", "--yes"] },
  { op: "update", args: ["up", "--yes"], next: true },
  { op: "noop", args: ["preview", "--expect-no-changes"] },
  { op: "refresh", args: ["refresh", "--yes", "--expect-no-changes"] },
  { op: "destroy", args: ["destroy", "--yes"] },
];

/** Serialized `__provider` sizes (bytes), measured once in a bench project. */
let sizes: { thin: number; fatBase: number; pulumiDynRecord: number } | undefined;
function serializedSizes(ctx: BenchContext): NonNullable<typeof sizes> {
  sizes ??= JSON.parse(execFileSync(process.execPath, ["-e", SERIALIZED_SIZES_SCRIPT], { cwd: join(ctx.modulesDir, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  return sizes as NonNullable<typeof sizes>;
}

/**
 * The fat floor's provider size: pulumi-dyn 0.1's by-value shim (provider/resources/shim.ts
 * until the thin provider modules), which existing stacks still carry in every resource.
 */
const SHIM_0_1_BYTES = 2_439;

function stateBytes(backendDir: string): number | undefined {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name === "bench.json" ? [join(dir, e.name)] : []));
  try {
    const [file] = walk(join(backendDir, ".pulumi", "stacks"));
    return file ? statSync(file).size : undefined;
  } catch {
    return undefined;
  }
}

function withProfile(sample: OpSample, run: CommandRun, profileDir: string | undefined): OpSample {
  if (!profileDir) return sample;
  const profiles = profilesOf(profileDir, run.usage.providerPids).map((p) => summarize(p.file, p.pid));
  return { ...sample, timeline: run.events ? timeline(run.events, run.startedAt, run.wallMs) : undefined, profiles };
}

function pulumiScenario(name: ScenarioName, id: string, label: string, kind: ProgramKind, opts: { rateLimited?: boolean; defaultNs: (ctx: BenchContext) => number[]; skip?: (ctx: BenchContext) => string | undefined }): Scenario {
  const isFloor = kind.startsWith("floor");
  return {
    name,
    id,
    label,
    rateLimited: opts.rateLimited ?? false,
    defaultNs: opts.defaultNs,
    skip: opts.skip,
    async run(ctx: BenchContext, n: number): Promise<RunOutput> {
      const emu = ctx.emulator;
      const profileDir = ctx.args.profile ? join(ctx.modulesDir, "..", "..", "profiles", `${id}-n${n}`) : undefined;
      const ws = new PulumiBench(`${id}-n${n}`, { binDir: await ctx.binDir(), modulesDir: ctx.modulesDir, skipCheckpoints: ctx.args.skipCheckpoints, cpuProfileDir: profileDir });
      const notes: Record<string, unknown> = {};
      let padBytes = 0;
      const measured = serializedSizes(ctx);
      notes.pulumiDynRecordProviderBytes = measured.pulumiDynRecord > 0 ? measured.pulumiDynRecord : "not measurable";
      if (kind === "floor-fat") {
        padBytes = Math.max(0, SHIM_0_1_BYTES - measured.fatBase);
        notes.providerBytes = measured.fatBase + padBytes;
      } else if (kind === "floor-thin") {
        notes.providerBytes = measured.thin;
      }
      const a = ctx.emulator.account;
      const config: { plain: Record<string, string>; secret: Record<string, string> } = isFloor
        ? { plain: {}, secret: {} }
        : {
            plain: {
              "dyn:customerName": a.customer,
              "dyn:username": a.user,
              "dyn:apiUrl": emu.url,
              // "The rate limit out of the way" means DynECT's and pulumi-dyn's own budget under it
              // (default 300/min, which would pace every N = 1,000 run to minutes); the rate-limited
              // scenarios keep the default, as a user gets it.
              ...(opts.rateLimited ? {} : { "dyn:requestsPerMinute": "0" }),
              ...prefixed(ctx.args.dynConfig),
            },
            secret: { "dyn:password": a.password },
          };
      let data: Dataset = dataset(n);
      const spec = (d: Dataset) => ({ ...d, padBytes });
      await ws.init(kind, spec(data), config);

      const samples: Partial<Record<Op, OpSample>> = {};
      // the rate-limited scenario measures only the create (the other steps would inherit its window)
      for (const step of opts.rateLimited ? STEPS.slice(0, 1) : STEPS) {
        if (step.next) ws.writeSpec(spec((data = withNextTtl(data))));
        let run: CommandRun | undefined;
        const sample = await measure(emu, async () => (run = await ws.command(step.args, true, ctx.args.profile)));
        samples[step.op] = withProfile(sample, run as CommandRun, profileDir);
        if (step.op === "create") notes.stateBytesAfterCreate = stateBytes(join(ws.dir, "backend"));
        if (isFloor) continue;
        if (step.op === "create" || step.op === "update") await verifyPublished(emu, data, `pulumi ${step.args.join(" ")}`);
        if (step.op === "destroy" && (await emu.zoneCount()) !== 0) throw new Error("pulumi destroy left zones in the emulator");
      }
      return { samples, notes };
    },
  };
}

function prefixed(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [`dyn:${k}`, v]));
}

const NO_ZONE_RECORDS = (ctx: BenchContext) => (ctx.hasZoneRecords ? undefined : "ZoneRecords not available");
const small = (ctx: BenchContext) => (ctx.args.quick ? [100] : [100, 1000]);

export const PULUMI_SCENARIOS: Scenario[] = [
  pulumiScenario("records", "records", "pulumi-dyn Record", "records", { defaultNs: small }),
  pulumiScenario("zonerecords", "zonerecords", "pulumi-dyn ZoneRecords", "zonerecords", {
    defaultNs: (ctx) => (ctx.args.quick ? [100] : [100, 1000, 10_000]),
    skip: NO_ZONE_RECORDS,
  }),
  pulumiScenario("zonerecords", "zonerecords-bulk", "pulumi-dyn ZoneRecords, bulk: true", "zonerecords-bulk", {
    defaultNs: (ctx) => (ctx.args.quick ? [100] : [1000]),
    skip: NO_ZONE_RECORDS,
  }),
  pulumiScenario("floor", "floor-thin", "engine floor, thin provider", "floor-thin", { defaultNs: small }),
  pulumiScenario("floor", "floor-fat", "engine floor, 2.4 KB provider (pulumi-dyn 0.1's shim)", "floor-fat", { defaultNs: small }),
  pulumiScenario("ratelimit", "ratelimit-records", "pulumi-dyn Record", "records", { rateLimited: true, defaultNs: (ctx) => (ctx.args.quick ? [100] : [1000]) }),
  pulumiScenario("ratelimit", "ratelimit-zonerecords", "pulumi-dyn ZoneRecords", "zonerecords", {
    rateLimited: true,
    defaultNs: (ctx) => (ctx.args.quick ? [100] : [1000]),
    skip: NO_ZONE_RECORDS,
  }),
  pulumiScenario("ratelimit", "ratelimit-zonerecords-bulk", "pulumi-dyn ZoneRecords, bulk: true", "zonerecords-bulk", {
    rateLimited: true,
    defaultNs: (ctx) => (ctx.args.quick ? [100] : [1000]),
    skip: NO_ZONE_RECORDS,
  }),
];
