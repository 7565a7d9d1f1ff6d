/**
 * The emulator stands on its own (issue 11): it is the ground truth the SDK and the resources are
 * tested against, so it must not share their code. Every import of provider/emulator/ resolves
 * inside provider/emulator/ or is a Node.js built-in.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const EMULATOR = resolve(__dirname, "../../provider/emulator");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith(".ts") ? [p] : [];
  });
}

/** Module specifiers of `import … from`, `export … from`, `import "…"`, `import("…")` and `require("…")`. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

function isBuiltin(spec: string): boolean {
  return spec.startsWith("node:") || builtinModules.includes(spec);
}

describe("the emulator stands on its own", () => {
  it("imports nothing outside provider/emulator/ but Node.js built-ins (no SDK, no resources, no packages)", () => {
    const files = sources(EMULATOR);
    assert.ok(files.length >= 20, `found the emulator's sources (${files.length})`);
    const outside: string[] = [];
    let relativeImports = 0;
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, "utf8"))) {
        const where = `${relative(EMULATOR, file)} imports "${spec}"`;
        if (spec.startsWith(".")) {
          relativeImports++;
          const target = resolve(dirname(file), spec);
          if (target !== EMULATOR && !target.startsWith(EMULATOR + sep)) outside.push(where);
        } else if (!isBuiltin(spec)) outside.push(where);
      }
    }
    assert.ok(relativeImports > 50, "the scan sees the emulator's own imports");
    assert.deepEqual(outside, []);
  });

  it("the scan recognises an import of the SDK", () => {
    assert.deepEqual(specifiers('import { RDATA_FIELDS } from "../sdk/schemas/rdata";\nexport * from "../../resources/zone";\nconst x = require("../sdk");'), [
      "../sdk/schemas/rdata",
      "../../resources/zone",
      "../sdk",
    ]);
  });
});
