/**
 * The project's Python peers (dyn-python, octoDNS with its Dyn provider) for tests and benchmarks:
 * scripts/setup-python.mjs installs them, pinned, into .tools/py and .tools/octodns (once; later
 * calls check a stamp).
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Makes sure the venv (`py`: dyn-python 1.8.6; `octodns`: octoDNS + octodns-dyn) is there; returns its python. */
export function ensurePython(venv: "py" | "octodns" = "py"): string {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "setup-python.mjs"), venv], { cwd: ROOT, encoding: "utf8", timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`scripts/setup-python.mjs failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split("\n").pop() as string;
}

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** the last stdout line parsed as JSON (the driver scripts' summary), when it is JSON */
  summary: any;
}

/**
 * Runs a Python driver script to completion, bounded by `timeoutMs` (then killed, `code` null).
 * Secrets go through `env` only, never on the command line.
 */
export function runPython(python: string, args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<PythonRun> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      let summary: any;
      try {
        summary = JSON.parse(stdout.trim().split("\n").pop() ?? "");
      } catch {
        summary = undefined;
      }
      resolve({ code, stdout, stderr, summary });
    });
  });
}
