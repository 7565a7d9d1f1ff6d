/**
 * Reads the V8 `.cpuprofile` files of the provider processes (provider.<pid>.cpuprofile, written
 * by bench/lib/provider-profiler.cjs)
 * and sums self time per function and per package: where the provider process spends its CPU.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  pid: number;
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  gcMs: number;
  topFunctions: SelfTime[];
  byPackage: SelfTime[];
}

/** `node_modules/<pkg>/…` → pkg; node internals → "node"; else the file name. */
function packageOf(url: string): string {
  if (url === "") return "(native/V8)";
  if (url.startsWith("node:")) return "node";
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

function shortUrl(url: string): string {
  const m = /.*node_modules\/(.*)/.exec(url);
  return (m ? m[1] : url.replace(/^file:\/\//, "")).replace(/^(.{0,60}).*$/, "$1");
}

const SPECIAL = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

export function summarize(file: string, pid: number, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  let busyMs = 0;
  let gcMs = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    if (functionName === "(idle)") continue;
    busyMs += ms;
    if (functionName === "(garbage collector)") gcMs += ms;
    const name = SPECIAL.has(functionName) ? functionName : `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + ms);
    const pkg = SPECIAL.has(functionName) ? functionName : packageOf(url);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + ms);
  }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .map(([name, ms]) => ({ name, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return { pid, busyMs, gcMs, topFunctions: ranked(fns), byPackage: ranked(pkgs) };
}

/** The profiles in `dir` written by the given pids. */
export function profilesOf(dir: string, pids: number[]): { pid: number; file: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, pid: Number(/^provider\.(\d+)\.cpuprofile$/.exec(name)?.[1]) }))
    .filter((p) => pids.includes(p.pid))
    .map((p) => ({ pid: p.pid, file: join(dir, p.name) }));
}
