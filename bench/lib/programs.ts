/**
 * The Pulumi programs of the benchmark (plain CommonJS, written into each throw-away project).
 * Each reads spec.json — `{ zones: string[], records: BenchRecord[], padBytes? }` — so an update
 * step only rewrites the spec. Every graph is 10 zone resources plus record resources that depend
 * on their zone's `name` output.
 */
export type ProgramKind = "records" | "zonerecords" | "zonerecords-bulk" | "floor-thin" | "floor-fat";

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

/** One ZoneRecords per zone; \`bulk\` opts into the zone-file upload (PUT /REST/ZoneFile/, §5.5) for large changes. */
const zoneRecords = (bulk: boolean) => `${PULUMI_DYN}spec.zones.forEach((name, k) => {
  const records = byZone.get(name).map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, rdata: r.rdata }));
  new dyn.ZoneRecords("records" + k, { zone: zones.get(name).name, records${bulk ? ", bulk: true" : ""} });
});
`;

/**
 * A provider shaped like pulumi-dyn 0.1's shim (seven plain functions that require the runtime
 * inside their bodies, serialized by value), padded by a captured string to a given serialized
 * size: the state-size effect without our code.
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
      return zoneRecords(false);
    case "zonerecords-bulk":
      return zoneRecords(true);
    case "floor-thin":
      return floor("thin");
    case "floor-fat":
      return floor("fat");
  }
}

/**
 * Run with node in a bench project: prints the serialized `__provider` sizes (bytes) of the thin
 * no-op provider, of the fat shim without padding, and of the provider a `dyn.Record` of the
 * installed pulumi-dyn serializes (-1 if that failed): the Record is constructed under Pulumi's
 * mocks while serializeFunction — which dynamic.Resource looks up on its module at each call — is
 * observed.
 */
export const SERIALIZED_SIZES_SCRIPT = `"use strict";
const pulumi = require("@pulumi/pulumi");
const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure");
${fatShimSource('""')}
const serialize = closure.serializeFunction;
const size = async (provider) => Buffer.byteLength((await serialize(() => provider, { allowSecrets: true })).text);
const seen = [];
closure.serializeFunction = (...args) => {
  const result = serialize(...args);
  seen.push(result);
  return result;
};
(async () => {
  let ours = -1;
  try {
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, "bench", "bench", false);
    new (require("pulumi-dyn").Record)("r", { zone: "bench.example", name: "a", type: "A", ttl: 300, rdata: { address: "192.0.2.1" } });
    if (seen.length) ours = Buffer.byteLength((await seen[0]).text);
  } catch {}
  console.log(JSON.stringify({ thin: await size(require("bench-noop-provider")), fatBase: await size(fatProvider), pulumiDynRecord: ours }));
})();
`;
