#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (ratios against baselines measured in the same run).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
let failed = 0;
for (const file of readdirSync(new URL("../bench", import.meta.url)).filter((f) => f.endsWith(".bench.ts")).sort()) {
  console.log(`\n== ${file}`);
  const res = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", `bench/${file}`], { cwd: root, stdio: "inherit" });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
