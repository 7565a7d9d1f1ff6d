/**
 * Samples the process tree under one root pid from /proc (Linux): peak RSS (VmHWM, the kernel's
 * own high-water mark, so a coarse interval loses nothing while the process lives) and CPU time
 * (utime + stime) per process, grouped by role. A process's last sample is at most one interval
 * before it exits, so CPU times are slight under-estimates.
 */
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS_PER_S = 100; // getconf CLK_TCK on Linux
const INTERVAL_MS = 200;

/**
 * engine = the pulumi CLI; program = the Node.js program; provider = the dynamic-provider host;
 * tool = the root process when it is not the pulumi CLI (octoDNS, dyn-python).
 */
export type Role = "engine" | "languageHost" | "program" | "provider" | "tool" | "other";

interface ProcInfo {
  pid: number;
  /** Start time in clock ticks since boot: with the pid, identifies the process (pids are reused). */
  startTicks: number;
  role: Role;
  cpuMs: number;
  hwmKiB: number;
}

export interface TreeUsage {
  /** Peak RSS of the biggest provider process, MB (undefined when none was seen). */
  providerPeakRssMB?: number;
  /** Peak RSS of the root process, MB (the python process of the octoDNS/dyn-python runs). */
  rootPeakRssMB?: number;
  /** CPU seconds by role, summed over the processes of that role. */
  cpuS: Partial<Record<Role, number>>;
  /** pids of the provider processes seen (to find their CPU profiles). */
  providerPids: number[];
}

function readStat(pid: number): { ppid: number; cpuMs: number; startTicks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm (field 2) may contain spaces and parentheses: split after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return { ppid: Number(fields[1]), cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S, startTicks: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

function readHwmKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function roleOf(pid: number): Role {
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "other";
  }
  if (cmd.includes("dynamic-provider")) return "provider";
  if (cmd.includes("pulumi-language-nodejs")) return "languageHost";
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(cmd)) return "program";
  return "other";
}

export class ProcSampler {
  private readonly seen = new Map<number, ProcInfo>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    private readonly rootRole: Role = "engine",
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), INTERVAL_MS);
  }

  private sample(): void {
    const parent = new Map<number, number>();
    const stats = new Map<number, { cpuMs: number; startTicks: number }>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const st = readStat(Number(name));
      if (!st) continue;
      parent.set(Number(name), st.ppid);
      stats.set(Number(name), st);
    }
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
        if (p === this.root) return true;
      }
      return false;
    };
    for (const [pid, { cpuMs, startTicks }] of stats) {
      let info = this.seen.get(pid);
      // once seen, a process stays ours even when reparented (its parent exited first)
      if (info?.startTicks !== startTicks) {
        if (!inTree(pid)) continue;
        this.seen.set(pid, (info = { pid, startTicks, role: pid === this.root ? this.rootRole : roleOf(pid), cpuMs: 0, hwmKiB: 0 }));
      }
      info.cpuMs = cpuMs;
      info.hwmKiB = Math.max(info.hwmKiB, readHwmKiB(pid));
    }
  }

  /**
   * The processes of the tree that are still running (after the root exited): plugins live in
   * process groups of their own, so ending the root's group does not end them.
   */
  leftovers(): number[] {
    return [...this.seen.values()].filter((p) => p.pid !== this.root && readStat(p.pid)?.startTicks === p.startTicks).map((p) => p.pid);
  }

  /** Takes a last sample and stops sampling. */
  stop(): TreeUsage {
    clearInterval(this.timer);
    this.sample();
    const cpuS: Partial<Record<Role, number>> = {};
    let providerKiB = 0;
    const providers: number[] = [];
    for (const p of this.seen.values()) {
      cpuS[p.role] = (cpuS[p.role] ?? 0) + p.cpuMs / 1000;
      if (p.role === "provider") {
        providers.push(p.pid);
        providerKiB = Math.max(providerKiB, p.hwmKiB);
      }
    }
    const rootKiB = this.seen.get(this.root)?.hwmKiB ?? 0;
    return {
      providerPeakRssMB: providers.length ? providerKiB / 1024 : undefined,
      rootPeakRssMB: rootKiB ? rootKiB / 1024 : undefined,
      cpuS,
      providerPids: providers,
    };
  }
}
