#!/usr/bin/env node
// The Python peers the tests and benchmarks drive against the emulator, pinned, in virtualenvs
// under the gitignored .tools/:
//   .tools/py       dyn-python (PyPI `dyn`) 1.8.6, the newest release
//   .tools/octodns  octoDNS 1.22.0 with its Dyn provider octodns-dyn 0.0.1, which pins dyn 1.8.1
// (two venvs because octodns-dyn cannot share one with dyn 1.8.6).
// Idempotent: a stamp file records what is installed; a second run only checks the stamp.
// Concurrent callers (parallel test files) serialise on a mkdir lock per venv.
//
//   node scripts/setup-python.mjs [py|octodns]   → prints that venv's python path on the last line
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** What each venv holds; a change here reinstalls it. */
export const VENVS = {
  py: ["dyn==1.8.6"],
  octodns: ["octodns==1.22.0", "octodns-dyn==0.0.1"],
};
const LOCK_STALE_MS = 10 * 60_000;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

function installed(python, stamp, packages) {
  try {
    return existsSync(python) && readFileSync(stamp, "utf8") === packages.join("\n");
  } catch {
    return false;
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates or updates the venv `name` when needed; returns the path of its python. */
export function ensurePython(name = "py") {
  const packages = VENVS[name];
  if (!packages) throw new Error(`unknown venv "${name}" (one of ${Object.keys(VENVS).join(", ")})`);
  const venv = join(ROOT, ".tools", name);
  const python = join(venv, "bin", "python");
  const stamp = join(venv, ".pulumi-dyn-packages");
  const lock = join(ROOT, ".tools", `${name}.lock`);
  mkdirSync(join(ROOT, ".tools"), { recursive: true });
  for (;;) {
    if (installed(python, stamp, packages)) return python;
    try {
      mkdirSync(lock);
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // the lock went away meanwhile
      }
      sleepSync(250);
      continue;
    }
    try {
      if (!installed(python, stamp, packages)) {
        if (!existsSync(python)) run("python3", ["-m", "venv", venv]);
        run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...packages]);
        writeFileSync(stamp, packages.join("\n"));
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensurePython(process.argv[2] ?? "py"));
}
