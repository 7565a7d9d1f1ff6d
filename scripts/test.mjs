#!/usr/bin/env node
// The one test command (README, .ci/run): type check, lint, build, then every test layer with
// Node's built-in test runner. `--only emulator,sdk` narrows the layers while developing.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const layers = ["emulator", "sdk", "provider", "e2e"];
const onlyArg = process.argv.indexOf("--only");
const selected = onlyArg >= 0 ? process.argv[onlyArg + 1].split(",") : layers;

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (res.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
}

function testFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
    else if (name.endsWith(".test.ts")) out.push(relative(root, p));
  }
  return out;
}

if (!process.argv.includes("--no-check")) {
  run("npm", ["run", "--silent", "typecheck"]);
  run("npm", ["run", "--silent", "lint"]);
}
run("npm", ["run", "--silent", "build"]);

const files = selected.flatMap((layer) => testFiles(join(root, "test", layer)));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files]);
