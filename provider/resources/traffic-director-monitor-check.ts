/**
 * `check` of a TrafficDirectorMonitor (dynect-api.md §7.5 monitors): protocol, probe interval,
 * retries, response count, options and endpoints validated and normalised (defaults filled in, the
 * protocol upper-cased, options only where set), so a second preview is empty; `adopt` as for a
 * TrafficDirector (true, or the id or label of the monitor to take over).
 */
import { DSF_MONITOR_PROTOCOLS } from "../sdk/schemas/dsf";
import { Checker, type CheckResult } from "./check";
import { field, readAdoptByLabel, readBool, readChoice, readInt, readList, readObject, readText } from "./traffic-director-fields";
import { isUnknown } from "./unknown";

type Props = Record<string, unknown>;

export const MONITOR_INPUTS = ["label", "protocol", "probeInterval", "retries", "responseCount", "active", "options", "endpoints", "adopt"] as const;
export const MONITOR_OPTIONS = ["timeout", "port", "path", "host", "header", "expected"] as const;
const ENDPOINT_FIELDS = ["address", "label", "active", "sitePrefs"] as const;

function checkOptions(c: Checker): void {
  const raw = c.get("options");
  if (raw === undefined || isUnknown(raw)) {
    if (raw !== undefined) c.out.options = raw;
    return;
  }
  const o = readObject(c, raw, "options", "monitor options", MONITOR_OPTIONS, `options: { port: 443, path: "/health", host: "www.example.com" }`);
  if (!o) return;
  const out: Props = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== "") out[key] = value;
  };
  put("timeout", readInt(c, field(o, "timeout"), "options.timeout", [1, 3600], undefined, "timeout: 10 (seconds)"));
  put("port", readInt(c, field(o, "port"), "options.port", [1, 65535], undefined, "port: 443"));
  for (const key of ["path", "host", "header", "expected"]) put(key, readText(c, field(o, key), `options.${key}`, undefined));
  c.out.options = out;
}

function checkEndpoints(c: Checker): void {
  const raw = c.get("endpoints");
  if (raw === undefined || isUnknown(raw)) {
    c.out.endpoints = raw ?? [];
    return;
  }
  const list = readList(c, raw, "endpoints", `endpoints: [{ address: "192.0.2.10", label: "origin" }]`, false);
  if (!list) return;
  c.out.endpoints = list.map((e, i) => {
    const path = `endpoints[${i}]`;
    if (isUnknown(e)) return e;
    const o = readObject(c, e, path, "a monitor endpoint", ENDPOINT_FIELDS, `{ address: "192.0.2.10" }`);
    if (!o) return e;
    const address = field(o, "address");
    if (!isUnknown(address) && (typeof address !== "string" || address.trim() === "")) c.fail(`${path}.address`, `is required: the address the monitor probes — e.g. address: "192.0.2.10"`);
    const sitePrefs = field(o, "sitePrefs");
    const prefs = sitePrefs === undefined ? [] : isUnknown(sitePrefs) ? sitePrefs : readList(c, sitePrefs, `${path}.sitePrefs`, `sitePrefs: ["ams"]`, false);
    return {
      address: typeof address === "string" ? address.trim() : address,
      label: readText(c, field(o, "label"), `${path}.label`, ""),
      active: readBool(c, field(o, "active"), `${path}.active`, true),
      sitePrefs: prefs ?? sitePrefs,
    };
  });
}

export function checkTrafficDirectorMonitor(news: Props): CheckResult<Props> {
  const c = new Checker("TrafficDirectorMonitor", news, MONITOR_INPUTS);
  const label = c.get("label");
  if (label === undefined || (typeof label === "string" && label.trim() === "")) c.fail("label", `is required — e.g. label: "www-https"`);
  else c.out.label = readText(c, label, "label", undefined);
  if (c.get("protocol") === undefined) c.fail("protocol", `is required: one of ${DSF_MONITOR_PROTOCOLS.join(", ")} — e.g. protocol: "HTTPS"`);
  else c.out.protocol = readChoice(c, c.get("protocol"), "protocol", DSF_MONITOR_PROTOCOLS, undefined, (v) => v.toUpperCase());
  c.out.probeInterval = readInt(c, c.get("probeInterval"), "probeInterval", [1, 86400], 60, "probeInterval: 60 (seconds between probes)");
  c.out.retries = readInt(c, c.get("retries"), "retries", [0, 255], 2, "retries: 2");
  c.out.responseCount = readInt(c, c.get("responseCount"), "responseCount", [0, 2], 2, "responseCount: 2 (how many agents must see the endpoint up)");
  c.out.active = readBool(c, c.get("active"), "active", true);
  checkOptions(c);
  checkEndpoints(c);
  readAdoptByLabel(c, "monitor");
  return { inputs: c.out, failures: c.failures };
}
