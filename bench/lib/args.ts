/**
 * Command-line flags of `npm run bench` (scripts/bench.mjs forwards them to every bench file).
 *
 *   --quick                 N = 100, 1 run, no rate-limited runs unless --only ratelimit (< 5 minutes)
 *   --only a,b              scenarios to run (SCENARIOS below); default all
 *   --ids a,b               of those, only the runs with these ids (e.g. ratelimit-zonerecords-bulk)
 *   --n 100,1000            record counts (overrides each scenario's defaults)
 *   --runs 3                runs per measurement (median, min–max)
 *   --latency 20            injected emulator latency per /REST/ request, ms
 *   --profile               CPU profile of the provider + event-log timeline (1 run; no README table)
 *   --dyn-config k=v,…      extra `dyn:` stack config for the pulumi-dyn scenarios (e.g. maxSessions=10)
 *   --skip-checkpoints      PULUMI_SKIP_CHECKPOINTS=true for every pulumi scenario
 *   --no-readme             do not rewrite the table in bench/README.md
 */
import { parseArgs } from "node:util";

/** Every selectable name: the scenarios of scenarios.bench.ts plus the in-process api-patterns and traffic-director benches. */
export const SCENARIOS = ["records", "zonerecords", "octodns", "dynpython", "floor", "ratelimit", "api-patterns", "traffic-director"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  quick: boolean;
  only: ScenarioName[] | undefined;
  /** Scenario ids (`zonerecords-bulk`, `ratelimit-records`, …) to keep of the selected names; undefined = all. */
  ids: string[] | undefined;
  n: number[] | undefined;
  runs: number;
  latencyMs: number;
  profile: boolean;
  dynConfig: Record<string, string>;
  skipCheckpoints: boolean;
  readme: boolean;
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter(Boolean);
}

function positive(name: string, v: string): number {
  const n = Number(v.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: "${v}" is not a positive integer`);
  return n;
}

export function parseBenchArgs(argv = process.argv.slice(2)): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      ids: { type: "string" },
      n: { type: "string" },
      runs: { type: "string" },
      latency: { type: "string", default: "20" },
      profile: { type: "boolean", default: false },
      "dyn-config": { type: "string" },
      "skip-checkpoints": { type: "boolean", default: false },
      "no-readme": { type: "boolean", default: false },
    },
    strict: true,
  });
  const only = list(values.only);
  for (const name of only ?? []) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario "${name}" (one of ${SCENARIOS.join(", ")})`);
  }
  const dynConfig: Record<string, string> = {};
  for (const pair of list(values["dyn-config"]) ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--dyn-config: "${pair}" must look like key=value (e.g. maxSessions=10)`);
    dynConfig[pair.slice(0, eq).replace(/^dyn:/, "")] = pair.slice(eq + 1);
  }
  const quick = values.quick;
  const profile = values.profile;
  return {
    quick,
    only: only as ScenarioName[] | undefined,
    ids: list(values.ids),
    n: list(values.n)?.map((v) => positive("n", v)) ?? (quick ? [100] : undefined),
    runs: values.runs !== undefined ? positive("runs", values.runs) : quick || profile ? 1 : 3,
    latencyMs: Number(values.latency),
    profile,
    dynConfig,
    skipCheckpoints: values["skip-checkpoints"],
    readme: !values["no-readme"] && !profile,
  };
}

export function isSelected(args: Pick<BenchArgs, "only">, name: ScenarioName): boolean {
  return args.only === undefined || args.only.includes(name);
}
