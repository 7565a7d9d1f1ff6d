/**
 * Child processes of the benchmark: each one is started in a process group of its own and tracked,
 * so a command that times out, or the whole benchmark on exit or Ctrl-C, ends exactly the processes
 * it started (group by group, by id) and nothing else.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import { createWriteStream } from "node:fs";

const live = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Ends every process group still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function killAll(graceMs = 3_000): Promise<void> {
  const pids = [...live];
  for (const pid of pids) killGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) killGroup(pid, "SIGKILL");
  live.clear();
}

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends processes by pid that `stillRunning` reports after `graceMs` (they may be finishing on
 * their own): SIGTERM, then SIGKILL. Returns how many had to be signalled.
 */
export async function reap(stillRunning: () => number[], graceMs = 3_000): Promise<number> {
  const wait = async (ms: number) => {
    for (const deadline = Date.now() + ms; stillRunning().length > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  };
  await wait(graceMs);
  const strays = stillRunning();
  for (const pid of strays) signal(pid, "SIGTERM");
  await wait(graceMs);
  for (const pid of stillRunning()) signal(pid, "SIGKILL");
  return strays.length;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    for (const pid of live) killGroup(pid, "SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping the processes it started`);
      void killAll(1_000).then(() => process.exit(130));
    });
  }
}

export interface Started {
  pid: number;
  /** The child's stdout (also copied into the log file). */
  stdout: NodeJS.ReadableStream;
  /** Resolves with the exit code; -1 when it was ended by a signal (a timeout included). */
  exited: Promise<number>;
  /** Ends the process group now. */
  kill(): void;
}

/**
 * Starts `cmd` in its own process group; stdout and stderr go to `logFile`. `timeoutMs` kills the
 * group and makes `exited` resolve with -1.
 */
export function start(cmd: string, args: string[], opts: SpawnOptions & { logFile: string; timeoutMs?: number; stdin?: string }): Started {
  hookExit();
  const log = createWriteStream(opts.logFile, { flags: "a" });
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  const pid = child.pid;
  live.add(pid);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.stdin?.end(opts.stdin ?? "");
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number>((resolve) => {
    child.once("error", (e) => {
      log.write(`\nbench: ${cmd} failed to start: ${e.message}\n`);
      resolve(127);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      live.delete(pid);
      log.end();
      resolve(code ?? -1);
    });
  });
  if (opts.timeoutMs) {
    timer = setTimeout(() => {
      log.write(`\nbench: timed out after ${opts.timeoutMs} ms, killing process group ${pid}\n`);
      killGroup(pid, "SIGKILL");
    }, opts.timeoutMs);
  }
  return { pid, stdout: child.stdout as NodeJS.ReadableStream, exited, kill: () => killGroup(pid, "SIGTERM") };
}
