/**
 * `check` of a TrafficDirector's `pools` map: every pool → chains → record sets → records validated
 * and normalised (defaults filled in, rdata canonical, records sorted), with what DynECT refuses at
 * apply time caught first: record set types a Traffic Director serves, weights by type (A/AAAA
 * 1–15, others 1–255, dynect-api.md §7.5), serve/fail/trouble counts within the set's records, one
 * answer for a CNAME-like set, no CNAME beside other types in one pool, no duplicate records.
 */
import { DSF_AUTOMATIONS } from "../sdk/schemas/dsf";
import { DSF_RDATA_CLASSES, dsfWeightRange, isDsfRdataClass, type DsfRdataClass } from "../sdk/schemas/dsf-input";
import { exampleText } from "./examples";
import { checkRdata, type Checker } from "./check";
import { rdataKey } from "./normalize";
import { field, keyPath, readBool, readChoice, readInt, readList, readObject, readText } from "./traffic-director-fields";
import { SINGLE_VALUED_TYPES, TTL_MAX } from "./types";
import { containsUnknown, isUnknown } from "./unknown";

type Props = Record<string, unknown>;

export const POOL_FIELDS = ["label", "coreSetCount", "automation", "eligible", "chains"] as const;
const CHAIN_FIELDS = ["label", "core", "recordSets"] as const;
const SET_FIELDS = ["type", "label", "ttl", "serveCount", "failCount", "troubleCount", "monitor", "records"] as const;
const RECORD_FIELDS = ["rdata", "weight", "label", "automation", "eligible"] as const;

const RECORD_EXAMPLE = `{ rdata: { address: "192.0.2.10" }, weight: 1 }`;
const SET_EXAMPLE = `{ type: "A", records: [${RECORD_EXAMPLE}] }`;
const CHAIN_EXAMPLE = `{ recordSets: [${SET_EXAMPLE}] }`;
const POOL_EXAMPLE = `{ chains: [${CHAIN_EXAMPLE}] }`;

/** What the rules and the default label need to know of the checked pools. */
export interface CheckedPools {
  /** undefined when the map is not known yet (preview) */
  keys: Set<string> | undefined;
  /** the record set types of each pool, in order */
  types: Map<string, string[]>;
}

function checkRecord(c: Checker, raw: unknown, type: DsfRdataClass | undefined, path: string): unknown {
  if (isUnknown(raw)) return raw;
  const r = readObject(c, raw, path, "a record", RECORD_FIELDS, RECORD_EXAMPLE);
  if (!r) return raw;
  const out: Props = {};
  const rdata = checkRdata(c, type, field(r, "rdata"), `${path}.rdata`);
  if (rdata !== undefined) out.rdata = rdata;
  const [min, max] = dsfWeightRange(type ?? "A");
  out.weight = type === undefined ? (field(r, "weight") ?? 1) : readInt(c, field(r, "weight"), `${path}.weight`, [min, max], 1, `weight: ${min} (${type} records weigh ${min}–${max})`);
  out.label = readText(c, field(r, "label"), `${path}.label`, "");
  out.automation = readChoice(c, field(r, "automation"), `${path}.automation`, DSF_AUTOMATIONS, "auto");
  out.eligible = readBool(c, field(r, "eligible"), `${path}.eligible`, true);
  return out;
}

function checkRecordSet(c: Checker, raw: unknown, path: string): { out: unknown; type: string | undefined } {
  if (isUnknown(raw)) return { out: raw, type: undefined };
  const s = readObject(c, raw, path, "a record set", SET_FIELDS, SET_EXAMPLE);
  if (!s) return { out: raw, type: undefined };
  const out: Props = {};
  const rawType = field(s, "type");
  let type: DsfRdataClass | undefined;
  if (isUnknown(rawType)) out.type = rawType;
  else {
    const upper = typeof rawType === "string" ? rawType.trim().toUpperCase() : "";
    if (isDsfRdataClass(upper)) type = upper;
    else c.fail(`${path}.type`, `must be a type Traffic Director serves: ${DSF_RDATA_CLASSES.join(", ")} — e.g. type: "A"`);
    out.type = type ?? rawType;
  }
  out.label = readText(c, field(s, "label"), `${path}.label`, "");
  const ttl = readInt(c, field(s, "ttl"), `${path}.ttl`, [0, TTL_MAX], undefined, "ttl: 60 (leave it out to use the service's TTL)");
  if (ttl !== undefined) out.ttl = ttl;
  const monitor = field(s, "monitor");
  if (monitor !== undefined) {
    if (isUnknown(monitor) || (typeof monitor === "string" && monitor.trim() !== "")) out.monitor = isUnknown(monitor) ? monitor : (monitor as string).trim();
    else c.fail(`${path}.monitor`, `must be a monitor's id — e.g. monitor: healthCheck.id (a TrafficDirectorMonitor)`);
  }
  const list = isUnknown(field(s, "records")) ? undefined : readList(c, field(s, "records"), `${path}.records`, `records: [${type ? `{ rdata: ${exampleText(type)} }` : RECORD_EXAMPLE}]`);
  let records: unknown[] = [];
  if (isUnknown(field(s, "records"))) out.records = field(s, "records");
  else if (list) {
    records = list.map((r, i) => checkRecord(c, r, type, `${path}.records[${i}]`));
    if (type !== undefined && !containsUnknown(records)) {
      const seen = new Map<string, number>();
      records.forEach((r, i) => {
        const key = rdataKey(((r ?? {}) as Props).rdata as Props);
        const first = seen.get(key);
        if (first !== undefined) c.fail(`${path}.records[${i}]`, `duplicates records[${first}] — list each value once`);
        else seen.set(key, i);
      });
      records = [...records].sort((a, b) => (rdataKey((a as Props).rdata as Props) < rdataKey((b as Props).rdata as Props) ? -1 : 1));
    }
    out.records = records;
  }
  const count = list ? list.length : 255;
  const counted = (name: string, min: number, dflt: number, what: string) => readInt(c, field(s, name), `${path}.${name}`, [min, Math.max(min, count)], dflt, `${name}: ${dflt} (${what}, at most the ${count} record(s) of the set)`);
  out.serveCount = counted("serveCount", 1, 1, "how many of its records Dyn serves at once");
  out.failCount = counted("failCount", 0, Math.min(1, count), "how many records may fail before the set fails over");
  out.troubleCount = counted("troubleCount", 0, 0, "how many records may be in trouble before the set is");
  if (type !== undefined && SINGLE_VALUED_TYPES.has(type) && typeof out.serveCount === "number" && out.serveCount !== 1) {
    c.fail(`${path}.serveCount`, `must be 1: a ${type} answer holds exactly one record (weights choose which)`);
  }
  return { out, type };
}

function checkChain(c: Checker, raw: unknown, path: string, types: string[]): unknown {
  if (isUnknown(raw)) return raw;
  const ch = readObject(c, raw, path, "a failover chain", CHAIN_FIELDS, CHAIN_EXAMPLE);
  if (!ch) return raw;
  const out: Props = { label: readText(c, field(ch, "label"), `${path}.label`, ""), core: readBool(c, field(ch, "core"), `${path}.core`, false) };
  const rawSets = field(ch, "recordSets");
  if (isUnknown(rawSets)) out.recordSets = rawSets;
  else {
    const list = readList(c, rawSets, `${path}.recordSets`, `recordSets: [${SET_EXAMPLE}]`);
    if (list) {
      out.recordSets = list.map((s, i) => {
        const r = checkRecordSet(c, s, `${path}.recordSets[${i}]`);
        if (r.type) types.push(r.type);
        return r.out;
      });
    }
  }
  return out;
}

function checkPool(c: Checker, key: string, raw: unknown, path: string, types: string[]): unknown {
  if (isUnknown(raw)) return raw;
  const p = readObject(c, raw, path, "a response pool", POOL_FIELDS, POOL_EXAMPLE);
  if (!p) return raw;
  const out: Props = {
    label: readText(c, field(p, "label"), `${path}.label`, key),
    coreSetCount: readInt(c, field(p, "coreSetCount"), `${path}.coreSetCount`, [0, 255], 1, "coreSetCount: 1 (how many core record sets must be up for the pool to serve)"),
    automation: readChoice(c, field(p, "automation"), `${path}.automation`, DSF_AUTOMATIONS, "auto"),
    eligible: readBool(c, field(p, "eligible"), `${path}.eligible`, true),
  };
  const rawChains = field(p, "chains");
  if (isUnknown(rawChains)) out.chains = rawChains;
  else {
    const list = readList(c, rawChains, `${path}.chains`, `chains: [${CHAIN_EXAMPLE}]`);
    if (list) out.chains = list.map((ch, i) => checkChain(c, ch, `${path}.chains[${i}]`, types));
  }
  const cnameLike = types.find((t) => SINGLE_VALUED_TYPES.has(t));
  if (cnameLike && types.some((t) => t !== cnameLike)) {
    c.fail(`${path}.chains`, `a pool that serves ${cnameLike} cannot serve other types too (it has ${[...new Set(types)].join(", ")}): a ${cnameLike} name holds no other data — put the other record sets in another pool`);
  }
  return out;
}

/** Checks `pools` into `c.out.pools`; returns what the rules need. */
export function checkPools(c: Checker): CheckedPools {
  const raw = c.get("pools");
  const types = new Map<string, string[]>();
  if (isUnknown(raw)) {
    c.out.pools = raw;
    return { keys: undefined, types };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
    c.fail("pools", `must be a map of pool name → pool — e.g. pools: { eu: ${POOL_EXAMPLE} }`);
    if (raw !== undefined) c.out.pools = raw;
    return { keys: undefined, types };
  }
  const out: Props = {};
  for (const [key, pool] of Object.entries(raw as Props)) {
    const path = keyPath("pools", key);
    if (key.trim() === "") c.fail(path, "a pool name must not be empty");
    const poolTypes: string[] = [];
    out[key] = checkPool(c, key, pool === null ? undefined : pool, path, poolTypes);
    types.set(key, poolTypes);
  }
  c.out.pools = out;
  return { keys: new Set(Object.keys(out)), types };
}
