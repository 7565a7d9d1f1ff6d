/**
 * `check` of a TrafficDirector: the whole tree validated before any API call, each failure naming
 * its path (`rules[1].pools[0]: pool "eu" is not defined`), and normalised so a second preview is
 * empty: nodes as relative labels, sorted; geo codes sorted, regions by readable name
 * (`"NA"`, `11` → `"north-america"`); pools via traffic-director-pools-check.ts; the label
 * defaulting to octoDNS's `"<fqdn>.:<type>"`. Accepts the stored model too (diff re-checks old outputs).
 */
import { countryCode, provinceCode, regionName, DSF_REGIONS } from "../sdk/schemas/dsf-geo";
import { dsfServiceLabelSchema } from "../sdk/schemas/dsf-input";
import { isHostname, isIPv4, isIPv6 } from "../sdk/schemas/rdata";
import { Checker, checkLabel, checkZoneName, type CheckResult } from "./check";
import { field, keyPath, readAdoptByLabel, readInt, readList, readObject, readText } from "./traffic-director-fields";
import { nodeFqdn, normalizeFailover, type TdGeo, type TdNode } from "./traffic-director-model";
import { checkPools, type CheckedPools } from "./traffic-director-pools-check";
import { TTL_MAX } from "./types";
import { containsUnknown, isUnknown, UNKNOWN } from "./unknown";

type Props = Record<string, unknown>;

export const TRAFFIC_DIRECTOR_INPUTS = ["label", "ttl", "nodes", "pools", "rules", "notifiers", "adopt"] as const;
const RULE_FIELDS = ["label", "geo", "pools", "failover"] as const;
const GEO_FIELDS = ["regions", "countries", "provinces"] as const;
/** The service TTL when none is given (the emulator's choice too: Dyn's UI proposed 30 s). */
export const DEFAULT_TD_TTL = 30;

const REGION_LIST = DSF_REGIONS.map((r) => `${r.name} (${r.abbreviation})`).join(", ");
const GEO_READERS: Record<(typeof GEO_FIELDS)[number], { read: (v: unknown) => string | undefined; expected: string; example: string }> = {
  regions: { read: regionName, expected: `a region: ${REGION_LIST}`, example: `regions: ["north-america"]` },
  countries: { read: countryCode, expected: "an ISO 3166-1 alpha-2 country code", example: `countries: ["US", "CA"]` },
  provinces: { read: provinceCode, expected: "a US state or Canadian province code", example: `provinces: ["CA", "ON"]` },
};

function checkNodes(c: Checker): TdNode[] | undefined {
  const raw = c.get("nodes");
  if (raw === undefined) {
    c.out.nodes = [];
    return [];
  }
  if (isUnknown(raw)) {
    c.out.nodes = raw;
    return undefined;
  }
  const list = readList(c, raw, "nodes", `nodes: [{ zone: "example.com", name: "www" }]`, false);
  if (!list) return undefined;
  const nodes = list.map((n, i) => {
    const path = `nodes[${i}]`;
    if (isUnknown(n)) return n;
    const o = readObject(c, n, path, "a node", ["zone", "name"], `{ zone: "example.com", name: "www" }`);
    if (!o) return n;
    const sub = new Checker("TrafficDirector", { zone: field(o, "zone") }, ["zone"]);
    const zone = checkZoneName(sub, "zone", "example.com");
    for (const f of sub.failures) c.fail(`${path}.${f.property}`, f.reason);
    const name = checkLabel(c, field(o, "name") ?? "@", zone, `${path}.name`);
    return { zone: sub.out.zone, name };
  });
  if (containsUnknown(nodes)) {
    c.out.nodes = nodes;
    return undefined;
  }
  const typed = nodes as TdNode[];
  const seen = new Set<string>();
  typed.forEach((n, i) => {
    const fqdn = nodeFqdn(n);
    if (seen.has(fqdn)) c.fail(`nodes[${i}]`, `${fqdn} is listed twice — list each name once`);
    seen.add(fqdn);
  });
  c.out.nodes = [...typed].sort((a, b) => (`${a.zone} ${a.name}` < `${b.zone} ${b.name}` ? -1 : 1));
  return c.out.nodes as TdNode[];
}

function checkGeo(c: Checker, raw: unknown, path: string): unknown {
  if (raw === undefined) return undefined;
  if (isUnknown(raw)) return raw;
  const g = readObject(c, raw, path, "geo criteria", GEO_FIELDS, `geo: { regions: ["europe"], countries: ["US"] }`);
  if (!g) return raw;
  const out: Props = {};
  for (const key of GEO_FIELDS) {
    const list = field(g, key);
    if (list === undefined) continue;
    if (isUnknown(list)) {
      out[key] = list;
      continue;
    }
    const { read, expected, example } = GEO_READERS[key];
    const items = readList(c, list, `${path}.${key}`, example, false);
    if (!items) continue;
    const codes = items.map((v, i) => {
      if (isUnknown(v)) return v as string;
      const code = read(v);
      if (code === undefined) c.fail(`${path}.${key}[${i}]`, `${JSON.stringify(v)} is not ${expected}`);
      return code ?? String(v);
    });
    if (codes.length > 0) out[key] = containsUnknown(codes) ? codes : [...new Set(codes)].sort();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What the rule's label defaults to: its geo in words (`"north-america, US"`), or `"default"`. */
function defaultRuleLabel(geo: unknown): string {
  if (geo === undefined || containsUnknown(geo)) return "default";
  const g = geo as TdGeo;
  return [...(g.regions ?? []), ...(g.countries ?? []), ...(g.provinces ?? [])].join(", ");
}

function checkFailover(c: Checker, raw: unknown, path: string): unknown {
  if (raw === undefined || isUnknown(raw)) return raw;
  const v = typeof raw === "string" ? raw.trim() : "";
  if (v !== "" && (isIPv4(v) || isIPv6(v) || (v !== "." && isHostname(v)))) return normalizeFailover(v);
  c.fail(path, `must be an IP address or a host name Dyn answers when every pool is down — e.g. failover: "fallback.example.net" (got ${JSON.stringify(raw)})`);
  return raw;
}

function checkRules(c: Checker, pools: CheckedPools): void {
  const raw = c.get("rules");
  if (isUnknown(raw)) {
    c.out.rules = raw;
    return;
  }
  const list = readList(c, raw, "rules", `rules: [{ geo: { regions: ["europe"] }, pools: ["eu"] }, { pools: ["default"] }]`);
  if (!list) {
    if (raw !== undefined) c.out.rules = raw;
    return;
  }
  const used = new Set<string>();
  let catchAll: number | undefined;
  c.out.rules = list.map((r, i) => {
    const path = `rules[${i}]`;
    if (isUnknown(r)) return r;
    const o = readObject(c, r, path, "a rule", RULE_FIELDS, `{ geo: { countries: ["US"] }, pools: ["us"] }`);
    if (!o) return r;
    const out: Props = {};
    const geo = checkGeo(c, field(o, "geo"), `${path}.geo`);
    if (geo !== undefined) out.geo = geo;
    out.label = readText(c, field(o, "label"), `${path}.label`, defaultRuleLabel(geo));
    const failover = checkFailover(c, field(o, "failover"), `${path}.failover`);
    const rawPools = field(o, "pools") ?? [];
    if (isUnknown(rawPools)) out.pools = rawPools;
    else {
      const keys = readList(c, rawPools, `${path}.pools`, `pools: ["eu", "default"]`, failover === undefined);
      if (keys) {
        keys.forEach((k, j) => {
          if (isUnknown(k)) return;
          if (typeof k !== "string") c.fail(`${path}.pools[${j}]`, `must be the name of a pool in pools (got ${JSON.stringify(k)})`);
          else if (pools.keys && !pools.keys.has(k)) c.fail(`${path}.pools[${j}]`, `pool ${JSON.stringify(k)} is not defined — pools has ${[...pools.keys].map((x) => JSON.stringify(x)).join(", ")}`);
          else if (keys.indexOf(k) !== j) c.fail(`${path}.pools[${j}]`, `pool ${JSON.stringify(k)} is listed twice — each pool once, in failover order`);
          else used.add(k);
        });
        out.pools = keys;
      }
    }
    if (failover !== undefined) out.failover = failover;
    if (catchAll !== undefined) c.fail(path, `never applies: rules[${catchAll}] has no geo, so it matches every query before this rule — put the rule without geo last`);
    else if (geo === undefined && !isUnknown(field(o, "geo"))) catchAll = i;
    return out;
  });
  if (pools.keys) {
    for (const key of pools.keys) {
      if (!used.has(key) && !containsUnknown(c.out.rules)) c.fail(keyPath("pools", key), `is not used by any rule — add it to a rule's pools, or remove it`);
    }
  }
}

function checkNotifiers(c: Checker): void {
  const raw = c.get("notifiers");
  if (raw === undefined || isUnknown(raw)) {
    if (raw !== undefined) c.out.notifiers = raw;
    return;
  }
  const list = readList(c, raw, "notifiers", `notifiers: ["<notifier id>"]`, false);
  if (!list) return;
  list.forEach((n, i) => {
    if (!isUnknown(n) && (typeof n !== "string" || n.trim() === "")) c.fail(`notifiers[${i}]`, "must be a notifier's id");
  });
  c.out.notifiers = containsUnknown(list) ? list : [...new Set(list.map((n) => String(n).trim()))].sort();
}

/** The first record set type in serving order (or the first failover's), for the default label. */
function servedType(c: Checker, pools: CheckedPools): string {
  for (const rule of Array.isArray(c.out.rules) ? (c.out.rules as Props[]) : []) {
    for (const key of Array.isArray(rule?.pools) ? (rule.pools as string[]) : []) {
      const t = pools.types.get(key)?.[0];
      if (t) return t;
    }
    if (typeof rule?.failover === "string") return isIPv4(rule.failover) ? "A" : isIPv6(rule.failover) ? "AAAA" : "CNAME";
  }
  return "A";
}

function checkServiceLabel(c: Checker, nodes: TdNode[] | undefined, pools: CheckedPools): void {
  const raw = c.get("label");
  if (raw === undefined) {
    if (nodes === undefined) c.out.label = UNKNOWN;
    else if (nodes.length === 0) c.fail("label", `is required when there are no nodes — e.g. label: "www.example.com.:A" (the default is "<first node's fqdn>.:<type>")`);
    else c.out.label = `${nodeFqdn(nodes[0])}.:${servedType(c, pools)}`;
    return;
  }
  if (isUnknown(raw)) {
    c.out.label = raw;
    return;
  }
  const ok = dsfServiceLabelSchema.safeParse(raw);
  if (!ok.success) c.fail("label", `must start with a letter or digit and contain none of * < > % / — e.g. label: "www.example.com.:A" (got ${JSON.stringify(raw)})`);
  c.out.label = raw;
}

export function checkTrafficDirector(news: Props): CheckResult<Props> {
  const c = new Checker("TrafficDirector", news, TRAFFIC_DIRECTOR_INPUTS);
  const nodes = checkNodes(c);
  c.out.ttl = readInt(c, c.get("ttl"), "ttl", [0, TTL_MAX], DEFAULT_TD_TTL, "ttl: 30 (seconds, the TTL of the answers)");
  const pools = checkPools(c);
  checkRules(c, pools);
  checkNotifiers(c);
  readAdoptByLabel(c, "service");
  checkServiceLabel(c, nodes, pools);
  return { inputs: c.out, failures: c.failures };
}
