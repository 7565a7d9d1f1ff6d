#!/usr/bin/env node
// `npm run bench [-- flags]`: runs every bench/*.bench.ts with the same flags (bench/lib/args.ts:
// --quick, --only a,b, --n, --runs, --latency, --profile, …); each file runs what --only selects.
// Not part of `npm test`. Results and how to read them: bench/README.md.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const flags = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(new URL("../bench", import.meta.url)).filter((f) => f.endsWith(".bench.ts")).sort()) {
  console.log(`\n== ${file}`);
  const res = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", `bench/${file}`, ...flags], { cwd: root, stdio: "inherit" });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
