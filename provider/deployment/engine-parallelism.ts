/**
 * How many resource operations the Pulumi engine driving this provider process runs at once: its
 * `--parallel` (`-p`) flag, else `PULUMI_PARALLEL`, else the engine's own default of 4 × GOMAXPROCS
 * (pulumi/pulumi `pkg/cmd/pulumi/operations/up.go` defaultParallel), where GOMAXPROCS is the env
 * variable or the CPUs the process may use (affinity, and since Go 1.25 a cgroup v2 CPU limit).
 *
 * The engine does not tell a provider its parallelism. The flag is read from the command line of
 * the `pulumi` process this provider descends from (Linux /proc; the provider runs as
 * pulumi → pulumi-resource-pulumi-nodejs (sh) → node). Where that cannot be read the default is
 * assumed; a wrong guess only costs batching efficiency (deployment-activity.ts), never
 * correctness.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";

export interface ParallelismEstimate {
  value: number;
  /** "flag"/"env" are what the engine uses; "default" recomputes its default and may be off. */
  source: "flag" | "env" | "default";
}

/** `--parallel 12`, `--parallel=12`, `-p 12`, `-p12` in an argument list; undefined when absent. */
export function parallelFlag(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    if (a === "--parallel" || a === "-p") value = argv[i + 1];
    else if (a.startsWith("--parallel=")) value = a.slice("--parallel=".length);
    else if (/^-p\d+$/.test(a)) value = a.slice(2);
    const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
    if (n !== undefined && n > 0) return n;
  }
  return undefined;
}

function procArgs(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((a) => a.length > 0);
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** The arguments of the nearest ancestor process named `pulumi`, looking a few levels up. */
function pulumiAncestorArgs(): string[] | undefined {
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    const args = procArgs(pid);
    if (args && args.length > 0 && basename(args[0]) === "pulumi") return args.slice(1);
    const next = parentOf(pid);
    if (next === undefined) return undefined;
    pid = next;
  }
  return undefined;
}

export function estimateEngineParallelism(env: NodeJS.ProcessEnv = process.env): ParallelismEstimate {
  const fromFlag = (() => {
    const args = pulumiAncestorArgs();
    return args ? parallelFlag(args) : undefined;
  })();
  if (fromFlag !== undefined) return { value: fromFlag, source: "flag" };
  const fromEnv = env.PULUMI_PARALLEL !== undefined && /^\d+$/.test(env.PULUMI_PARALLEL.trim()) ? Number(env.PULUMI_PARALLEL) : 0;
  if (fromEnv > 0) return { value: fromEnv, source: "env" };
  return { value: goMaxProcs(env) * 4, source: "default" };
}

/** What Go's runtime.GOMAXPROCS(0) would be for the pulumi process (it shares our environment and cgroup). */
function goMaxProcs(env: NodeJS.ProcessEnv): number {
  const fromEnv = env.GOMAXPROCS !== undefined && /^\d+$/.test(env.GOMAXPROCS.trim()) ? Number(env.GOMAXPROCS) : 0;
  if (fromEnv > 0) return fromEnv;
  const cpus = availableParallelism();
  const limit = cgroupCpuLimit();
  return limit === undefined ? cpus : Math.min(cpus, Math.max(2, Math.ceil(limit)));
}

/** The cgroup v2 CPU bandwidth limit in CPUs (`/sys/fs/cgroup/cpu.max`: "<quota> <period>"), if any. */
function cgroupCpuLimit(): number | undefined {
  try {
    const [quota, period] = readFileSync("/sys/fs/cgroup/cpu.max", "utf8").trim().split(/\s+/);
    const q = Number(quota);
    const p = Number(period);
    return quota !== "max" && q > 0 && p > 0 ? q / p : undefined;
  } catch {
    return undefined;
  }
}
