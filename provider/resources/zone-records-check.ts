/**
 * `check` of ZoneRecords: every declared record validated like a Record's (name, type, TTL, rdata),
 * records of one node and type merged into one set (their TTLs must agree), the DNS rules DynECT
 * enforces at apply time checked before any call (CNAME alone at its node and not at the apex, at
 * most 13 A records per node, §2.3/§6.4), and the result normalised into the keyed model
 * (zone-records-model.ts). Accepts the stored model itself too (old outputs are re-checked by diff).
 */
import { RDATA_FIELDS, type RecordType } from "../sdk/schemas/rdata";
import { Checker, checkAdopt, checkLabel, checkRdata, checkRecordTtl, checkRecordType, checkZoneName, type CheckResult } from "./check";
import { SINGLE_VALUED_TYPES } from "./types";
import { containsUnknown, isUnknown } from "./unknown";
import { ignores, parseIgnore, parseSetKey, setKey, sortedValues, valueKey, type RecordsMap } from "./zone-records-model";

type Props = Record<string, unknown>;

const EXAMPLE = `records: [{ name: "www", type: "A", ttl: 300, rdata: { address: "192.0.2.10" } }]`;
const MAX_A_PER_NODE = 13;

/** One declared entry: `{name, type, ttl?, rdata}` or `{name, type, ttl?, values: [rdata, …]}`. */
interface Entry {
  path: string;
  raw: Props;
}

/** The user's list, or the stored model (`{"www A": {ttl, values: {…}}}`) turned back into entries. */
function entriesOf(raw: unknown): Entry[] | undefined {
  if (Array.isArray(raw)) return raw.map((r, i) => ({ path: `records[${i}]`, raw: (typeof r === "object" && r !== null ? r : { __invalid: r }) as Props }));
  if (typeof raw === "object" && raw !== null) {
    return Object.entries(raw as Record<string, Props>).map(([key, set]) => {
      const { label, type } = parseSetKey(key);
      const values = typeof set?.values === "object" && set.values !== null ? Object.values(set.values as Props) : set?.values;
      return { path: `records["${key}"]`, raw: { name: label, type, ttl: set?.ttl, values } };
    });
  }
  return undefined;
}

function checkIgnore(c: Checker): ReturnType<typeof parseIgnore>[] {
  const raw = c.get("ignore");
  if (raw === undefined) return [];
  if (isUnknown(raw)) {
    c.out.ignore = raw;
    return [];
  }
  if (!Array.isArray(raw)) {
    c.fail("ignore", `must be a list of patterns — e.g. ignore: ["_acme-challenge", "* TXT", "*.legacy"]`);
    return [];
  }
  const out: string[] = [];
  raw.forEach((p, i) => {
    if (isUnknown(p)) return void out.push(p as string);
    const parts = typeof p === "string" ? p.trim().split(/\s+/) : [];
    const [name, type] = parts;
    const nameOk = name !== undefined && /^(\*|@|(\*\.)?[a-z0-9_*-]+(\.[a-z0-9_-]+)*)$/i.test(name);
    const typeOk = type === undefined || type === "*" || type.toUpperCase() in RDATA_FIELDS;
    if (parts.length === 0 || parts.length > 2 || !nameOk || !typeOk) {
      c.failValue(`ignore[${i}]`, p, `must be "<name>" or "<name> <TYPE>"`, `a label, "@", "*.<label>" or "*", and a record type or "*"`);
      return;
    }
    const rule = parseIgnore(p as string);
    out.push(rule.type === "*" ? rule.name : `${rule.name} ${rule.type}`);
  });
  if (out.length > 0) c.out.ignore = [...new Set(out)].sort();
  return out.filter((p) => !isUnknown(p)).map(parseIgnore);
}

function checkBulk(c: Checker): void {
  const raw = c.get("bulk");
  if (raw === undefined) return;
  if (isUnknown(raw)) c.out.bulk = raw;
  else if (raw === true || raw === "true") c.out.bulk = true;
  else if (raw === false || raw === "false") c.out.bulk = false;
  else c.fail("bulk", "must be true or false — bulk: true applies large changes with one zone-file upload");
}

export function checkZoneRecords(news: Props): CheckResult<Props> {
  const c = new Checker("ZoneRecords", news, ["zone", "records", "ignore", "adopt", "bulk"]);
  const zone = checkZoneName(c, "zone", "example.com");
  const rules = checkIgnore(c);
  checkAdopt(c);
  checkBulk(c);
  const raw = c.get("records");
  if (isUnknown(raw)) {
    c.out.records = raw;
    return { inputs: c.out, failures: c.failures };
  }
  const entries = entriesOf(raw ?? []);
  if (!entries) {
    c.fail("records", `must be a list of records — e.g. ${EXAMPLE}`);
    return { inputs: c.out, failures: c.failures };
  }
  const records: RecordsMap = {};
  const firstPath = new Map<string, string>();
  let unknown = false;
  for (const { path, raw: e } of entries) {
    if ("__invalid" in e) {
      c.failValue(path, e.__invalid ?? null, "must be a record", `e.g. { name: "www", type: "A", rdata: { address: "192.0.2.10" } }`);
      continue;
    }
    for (const key of Object.keys(e)) {
      if (!["name", "type", "ttl", "rdata", "values"].includes(key) && e[key] !== undefined) c.failValue(`${path}.${key}`, e[key], "is not a field of a record", "fields: name, type, ttl, rdata or values");
    }
    const label = checkLabel(c, e.name ?? undefined, zone, `${path}.name`);
    const type = isUnknown(e.type) ? undefined : checkRecordType(c, e.type, `${path}.type`);
    const ttl = checkRecordTtl(c, e.ttl, `${path}.ttl`);
    if (containsUnknown([label, e.type, ttl, e.rdata, e.values])) {
      unknown = true;
      continue;
    }
    if (typeof label !== "string" || type === undefined || typeof ttl !== "number") continue;
    const list = e.values !== undefined ? e.values : [e.rdata];
    if (e.values !== undefined && e.rdata !== undefined) {
      c.failValue(path, e, "has both rdata and values", "give one record's rdata, or values: [rdata, …] for several");
      continue;
    }
    if (!Array.isArray(list) || list.length === 0) {
      c.failValue(`${path}.values`, list, "must be a non-empty list of rdata", `e.g. values: [{ address: "192.0.2.10" }]`);
      continue;
    }
    const key = setKey(label, type);
    if (ignores(rules, label, type)) {
      c.failValue(path, undefined, `is ${key}, which matches an ignore pattern: a record set is either managed here or ignored`, "drop it from records or from ignore");
      continue;
    }
    const set = (records[key] ??= { ttl, values: {} });
    const where = firstPath.get(key);
    if (where === undefined) firstPath.set(key, path);
    else if (set.ttl !== ttl) {
      c.failValue(`${path}.ttl`, ttl, `differs from the TTL of ${where} (${set.ttl})`, "records of one node and type share one TTL");
      continue;
    }
    list.forEach((r, j) => {
      const rpath = e.values !== undefined ? `${path}.values[${j}]` : `${path}.rdata`;
      const rdata = checkRdata(c, type, r ?? undefined, rpath) as Props | undefined;
      if (!rdata || typeof rdata !== "object") return;
      const vk = valueKey(type, rdata);
      if (vk in set.values) c.failValue(rpath, r, `duplicates another ${type} record of ${key}`, "list each value once");
      else set.values[vk] = rdata;
    });
  }
  if (unknown) {
    c.out.records = raw;
    return { inputs: c.out, failures: c.failures };
  }
  checkNodeRules(c, records, firstPath);
  const sorted: RecordsMap = {};
  for (const key of Object.keys(records).sort()) sorted[key] = { ttl: records[key].ttl, values: sortedValues(records[key].values) };
  c.out.records = sorted;
  return { inputs: c.out, failures: c.failures };
}

/** The DNS rules DynECT enforces when the records are written, checked before any call. */
function checkNodeRules(c: Checker, records: RecordsMap, paths: Map<string, string>): void {
  const typesAt = new Map<string, RecordType[]>();
  for (const key of Object.keys(records)) {
    const { label, type } = parseSetKey(key);
    (typesAt.get(label) ?? typesAt.set(label, []).get(label)!).push(type);
  }
  for (const [key, set] of Object.entries(records)) {
    const { label, type } = parseSetKey(key);
    const n = Object.keys(set.values).length;
    const path = paths.get(key) ?? `records["${key}"]`;
    if (SINGLE_VALUED_TYPES.has(type) && n > 1) c.failValue(path, undefined, `lists ${n} records for ${key}`, `a ${type} node holds exactly one record`);
    if (type === "CNAME" && label === "@") c.failValue(path, undefined, "is a CNAME at the zone apex, which holds the SOA and NS records", "use ALIAS for the apex");
    if (type === "CNAME" && typesAt.get(label)!.length > 1) {
      c.failValue(path, undefined, `is a CNAME at ${label}, which also has ${typesAt.get(label)!.filter((t) => t !== "CNAME").join(", ")} records`, "a CNAME must be alone at its node");
    }
    if (type === "A" && n > MAX_A_PER_NODE) c.failValue(path, undefined, `lists ${n} A records for ${key}`, `a node holds at most ${MAX_A_PER_NODE} A records (DynECT's limit)`);
  }
}
