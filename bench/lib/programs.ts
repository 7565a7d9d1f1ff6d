/**
 * The Pulumi programs of the benchmark (plain CommonJS, written into each throw-away project).
 * Each reads spec.json — `{ zones: string[], records: BenchRecord[], padBytes? }` — so an update
 * step only rewrites the spec. Every graph is 10 zone resources plus record resources that depend
 * on their zone's `name` output.
 */
export type ProgramKind = "records" | "zonerecords" | "floor-thin" | "floor-fat";

const HEADER = `"use strict";
const spec = require("./spec.json");
const byZone = new Map(spec.zones.map((z) => [z, []]));
for (const r of spec.records) byZone.get(r.zone).push(r);
`;

const PULUMI_DYN = `${HEADER}const dyn = require("pulumi-dyn");
const zones = new Map(spec.zones.map((name, k) => [name, new dyn.Zone("zone" + k, { name, contact: "hostmaster@" + name, ttl: 3600 })]));
`;

const RECORDS = `${PULUMI_DYN}for (const r of spec.records) {
  new dyn.Record(r.name, { zone: zones.get(r.zone).name, name: r.name, type: r.type, ttl: r.ttl, rdata: r.rdata });
}
`;

const ZONE_RECORDS = `${PULUMI_DYN}spec.zones.forEach((name, k) => {
  const records = byZone.get(name).map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, rdata: r.rdata }));
  new dyn.ZoneRecords("records" + k, { zone: zones.get(name).name, records });
});
`;

/**
 * A provider shaped like pulumi-dyn's shim (provider/resources/shim.ts: seven plain functions
 * that require the runtime inside their bodies), padded by a captured string so its serialized
 * text has the size of ours: the state-size effect without our code.
 */
function fatShimSource(padExpression: string): string {
  const ops = ["configure", "check", "diff", "create", "read", "update", "delete"];
  const methods = ops.map((op) => `  ${op}: function (...args) {\n    void PAD;\n    return require("bench-noop-provider").${op}(...args);\n  },`);
  return `const PAD = ${padExpression};\nconst fatProvider = {\n${methods.join("\n")}\n};\n`;
}

function floor(variant: "thin" | "fat"): string {
  const provider = variant === "thin" ? `const provider = require("bench-noop-provider");\n` : `${fatShimSource('"x".repeat(spec.padBytes || 0)')}const provider = fatProvider;\n`;
  return `${HEADER}const pulumi = require("@pulumi/pulumi");
${provider}class Noop extends pulumi.dynamic.Resource {
  constructor(type, name, props) {
    super(provider, name, props, undefined, "bench", type);
  }
}
const zones = new Map(spec.zones.map((name, k) => [name, new Noop("Zone", "zone" + k, { name, contact: "hostmaster@" + name, ttl: 3600 })]));
for (const r of spec.records) {
  new Noop("Record", r.name, { zone: zones.get(r.zone).name, name: r.name, type: r.type, ttl: r.ttl, rdata: r.rdata });
}
`;
}

export function programSource(kind: ProgramKind): string {
  switch (kind) {
    case "records":
      return RECORDS;
    case "zonerecords":
      return ZONE_RECORDS;
    case "floor-thin":
      return floor("thin");
    case "floor-fat":
      return floor("fat");
  }
}

/**
 * Run with node in a bench project: prints the serialized `__provider` sizes (bytes) of the thin
 * no-op provider, of the fat shim without padding, and of pulumi-dyn's Record shim (-1 when its
 * internal module moved), serialized the way dynamic.Resource does it.
 */
export const SERIALIZED_SIZES_SCRIPT = `"use strict";
const path = require("path");
const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure");
${fatShimSource('""')}
const size = async (provider) => Buffer.byteLength((await serializeFunction(() => provider, { allowSecrets: true })).text);
(async () => {
  let ours = -1;
  try {
    const shim = require(path.join(path.dirname(require.resolve("pulumi-dyn")), "resources", "shim.js"));
    if (shim.SHIMS && shim.SHIMS.record) ours = await size(shim.SHIMS.record);
  } catch {}
  console.log(JSON.stringify({ thin: await size(require("bench-noop-provider")), fatBase: await size(fatProvider), pulumiDynRecord: ours }));
})();
`;
