/**
 * One measured operation = one command against a freshly counted emulator: wall time, the
 * emulator's counters for exactly that command, and the process tree's RSS/CPU.
 */
import type { EmulatorProcess } from "./emulator";
import type { Timeline } from "./events";
import type { ProfileSummary } from "./cpu-profile";
import type { Role, TreeUsage } from "./proc-sampler";

/** create: all records new · update: every TTL changed · noop: nothing to change · refresh · destroy. */
export type Op = "create" | "update" | "noop" | "refresh" | "destroy";
export const OPS: readonly Op[] = ["create", "update", "noop", "refresh", "destroy"];

/** What one command cost; in an OpResult the medians over the runs (errors: summed). */
interface Cost {
  requests: number;
  publishes: number;
  logins: number;
  rateLimited: number;
  /** Error replies the emulator sent, by ERR_CD or HTTP status, and "job running" (§3.3) replies. */
  errors: Record<string, number>;
  /** Peak RSS of the provider process (pulumi) or of the tool's own process (python), MB. */
  peakRssMB?: number;
  cpuS: Partial<Record<Role, number>>;
  /** Of a --profile run (one run). */
  timeline?: Timeline;
  profiles?: ProfileSummary[];
}

export interface OpSample extends Cost {
  wallMs: number;
}

export interface CommandOutcome {
  wallMs: number;
  usage: TreeUsage;
}

export async function measure(emu: EmulatorProcess, run: () => Promise<CommandOutcome>): Promise<OpSample & { usage: TreeUsage }> {
  await emu.resetMetrics();
  const { wallMs, usage } = await run();
  const m = await emu.metrics();
  return {
    wallMs,
    requests: m.requestsTotal,
    publishes: m.publishesTotal,
    logins: m.logins,
    rateLimited: m.rateLimited,
    errors: { ...m.errors, ...(m.jobRunningReplies ? { jobRunning: m.jobRunningReplies } : {}) },
    // the provider's for pulumi (none when it was too short-lived to be sampled), the tool's for python
    peakRssMB: usage.cpuS.tool !== undefined ? usage.rootPeakRssMB : usage.providerPeakRssMB,
    cpuS: usage.cpuS,
    usage,
  };
}

export interface OpResult extends Cost {
  op: Op;
  runs: number;
  wallS: { median: number; min: number; max: number; all: number[] };
  requestsPerRecord: number;
  /** This op's median wall time / octoDNS's for the same N, op and rate limit. */
  ratioToOctodns?: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function aggregate(op: Op, samples: OpSample[], records: number): OpResult {
  const med = (f: (s: OpSample) => number | undefined) => {
    const vals = samples.map(f).filter((v): v is number => v !== undefined);
    return vals.length ? median(vals) : undefined;
  };
  const wall = samples.map((s) => s.wallMs / 1000);
  const roles = new Set(samples.flatMap((s) => Object.keys(s.cpuS) as Role[]));
  const requests = med((s) => s.requests) as number;
  const rss = med((s) => s.peakRssMB);
  return {
    op,
    runs: samples.length,
    wallS: { median: round(median(wall)), min: round(Math.min(...wall)), max: round(Math.max(...wall)), all: wall.map((w) => round(w)) },
    requests,
    requestsPerRecord: round(requests / records),
    publishes: med((s) => s.publishes) as number,
    logins: med((s) => s.logins) as number,
    rateLimited: med((s) => s.rateLimited) as number,
    errors: samples.reduce<Record<string, number>>((sum, s) => {
      for (const [k, v] of Object.entries(s.errors)) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    }, {}),
    peakRssMB: rss === undefined ? undefined : round(rss, 1),
    cpuS: Object.fromEntries([...roles].map((r) => [r, round(med((s) => s.cpuS[r]) ?? 0, 2)])),
    // the timeline and profiles of a profile run (which has one run)
    timeline: samples[0]?.timeline,
    profiles: samples[0]?.profiles,
  };
}
