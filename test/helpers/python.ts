/**
 * The project's Python peers (dyn-python, octoDNS with its Dyn provider) for tests and benchmarks:
 * scripts/setup-python.mjs installs them, pinned, into .tools/py and .tools/octodns (once; later
 * calls check a stamp).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Makes sure the venv (`py`: dyn-python 1.8.6; `octodns`: octoDNS + octodns-dyn) is there; returns its python. */
export function ensurePython(venv: "py" | "octodns" = "py"): string {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "setup-python.mjs"), venv], { cwd: ROOT, encoding: "utf8", timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`scripts/setup-python.mjs failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split("\n").pop() as string;
}
