/**
 * A throw-away Pulumi project for the e2e tests. Its node_modules is the packed install made by
 * test/helpers/packed.ts (pulumi-dyn from its npm tarball + @pulumi/pulumi), linked in, so the
 * program does `require("pulumi-dyn")` exactly as a user's would. The program is fixed; each test
 * step rewrites spec.json, which declares the zones and their records.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface RecordSpec {
  /** Pulumi logical name. */
  logical: string;
  /** For a ZoneRecords, `records` holds its entries ({name, type, ttl?, rdata | values}). */
  kind: "Record" | "RecordSet" | "ZoneRecords";
  /** The zone's name; a zone the spec declares is passed as that Zone's `name` output. Default: the first zone. */
  zone?: string;
  name?: string;
  type?: string;
  ttl?: number;
  rdata?: Record<string, unknown>;
  records?: Record<string, unknown>[];
  adopt?: boolean;
  /**
   * The resource's inputs exactly as given (bad input tests): used instead of the fields above;
   * `zone` is still replaced by the declared Zone's output, and absent stays absent.
   */
  raw?: Record<string, unknown>;
  /** Logical names of records declared earlier in the spec that this one waits for (dependsOn). */
  dependsOn?: string[];
}

export interface ZoneSpec {
  name: string;
  contact: string;
  ttl?: number;
}

export interface ProgramSpec {
  /** The one zone of a single-zone program (logical name "zone"). */
  zone?: ZoneSpec;
  /**
   * Several zones, each with its logical name; entries are passed to dyn.Zone as they are. An
   * `external` zone is managed elsewhere (another stack): no Zone resource, records name it as a string.
   */
  zones?: ({ logical: string; external?: boolean } & Partial<ZoneSpec> & Record<string, unknown>)[];
  records: RecordSpec[];
}

/** Every zone a spec declares (`zone` or `zones`). */
export function zonesOf(spec: ProgramSpec): ZoneSpec[] {
  const list = spec.zones ?? (spec.zone ? [{ logical: "zone", ...spec.zone }] : []);
  return list.filter((z): z is typeof z & ZoneSpec => typeof z.name === "string" && typeof z.contact === "string");
}

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");
// DYN_E2E_SPEC: another spec file, so several commands can run side by side in one project.
const spec = require(process.env.DYN_E2E_SPEC || "./spec.json");

const zoneSpecs = spec.zones ?? (spec.zone ? [{ logical: "zone", ...spec.zone }] : []);
const zones = {};
for (const { logical, external, ...args } of zoneSpecs) {
  if (external) continue;
  const zone = new dyn.Zone(logical, args);
  if (typeof args.name === "string" && !(args.name in zones)) zones[args.name] = zone;
}
const defaultZone = zoneSpecs[0] && zoneSpecs[0].name;
const ids = {};
const declared = {};
for (const { logical, kind, raw, dependsOn, ...typed } of spec.records) {
  const Resource = { Record: dyn.Record, RecordSet: dyn.RecordSet, ZoneRecords: dyn.ZoneRecords }[kind];
  const args = { ...(raw ?? typed) };
  if (!raw && args.zone === undefined) args.zone = defaultZone;
  if (typeof args.zone === "string" && zones[args.zone]) args.zone = zones[args.zone].name;
  const opts = dependsOn ? { dependsOn: dependsOn.map((name) => declared[name]) } : undefined;
  declared[logical] = new Resource(logical, args, opts);
  ids[logical] = declared[logical].id;
}
exports.zone = defaultZone && zones[defaultZone] ? zones[defaultZone].name : undefined;
exports.serial = defaultZone && zones[defaultZone] ? zones[defaultZone].serial : undefined;
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

/** Writes the spec the program reads (spec.json, or `file` — then run with env DYN_E2E_SPEC = the returned path). */
export function writeSpec(dir: string, spec: ProgramSpec | Record<string, unknown>, file = "spec.json"): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(spec, null, 2));
  return path;
}
