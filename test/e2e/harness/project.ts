/**
 * A throw-away Pulumi project for the e2e tests. Its node_modules is the packed install made by
 * test/helpers/packed.ts (pulumi-dyn from its npm tarball + @pulumi/pulumi), linked in, so the
 * program does `require("pulumi-dyn")` exactly as a user's would. The program is fixed; each test
 * step rewrites spec.json, which declares the zone and its records.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface RecordSpec {
  /** Pulumi logical name. */
  logical: string;
  kind: "Record" | "RecordSet";
  name: string;
  type: string;
  ttl?: number;
  rdata?: Record<string, unknown>;
  records?: Record<string, unknown>[];
  adopt?: boolean;
}

export interface ProgramSpec {
  zone: { name: string; contact: string; ttl?: number };
  records: RecordSpec[];
}

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");
const spec = require("./spec.json");

const zone = new dyn.Zone("zone", spec.zone);
const ids = {};
for (const { logical, kind, ...args } of spec.records) {
  const Resource = kind === "RecordSet" ? dyn.RecordSet : dyn.Record;
  const res = new Resource(logical, { ...args, zone: zone.name });
  ids[logical] = res.id;
}
exports.zone = zone.name;
exports.serial = zone.serial;
exports.ids = ids;
`;

/** A project running `program` (default: the spec-driven program above). */
export function createProject(dir: string, installedProjectDir: string, name = "dyn-e2e", program = PROGRAM): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  writeFileSync(join(dir, "index.js"), program);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }, null, 2));
  symlinkSync(join(installedProjectDir, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export function writeSpec(dir: string, spec: ProgramSpec | Record<string, unknown>): void {
  writeFileSync(join(dir, "spec.json"), JSON.stringify(spec, null, 2));
}
