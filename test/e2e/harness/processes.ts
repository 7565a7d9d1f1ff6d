/** The processes a Pulumi command runs in a project directory (the language host and provider plugins run there). */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** Processes whose working directory is `dir`. */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/** The node processes running `@pulumi/pulumi/cmd/dynamic-provider` for a project in `dir`. */
export function dynamicProviderProcessesIn(dir: string): number[] {
  return processesIn(dir).filter((pid) => {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return /(^|\/)node$/.test(argv[0]) && argv.some((a) => a.includes("cmd/dynamic-provider"));
    } catch {
      return false;
    }
  });
}
