/**
 * Readers of nested TrafficDirector / TrafficDirectorMonitor inputs for `check`: each validates one
 * value at a property path (`pools.eu.chains[0].recordSets[1].serveCount`), reports a failure that
 * names that path and the fix, and returns the normalised value — or the value unchanged when it is
 * not known yet (preview) or invalid.
 */
import { coerceInt } from "../sdk/schemas/rdata";
import type { Checker } from "./check";
import { isUnknown } from "./unknown";

type Props = Record<string, unknown>;

/** `pools.eu`, or `pools["eu west"]` for a key that is not a plain name. */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** The raw value, `undefined` for absent or null. */
export function field(obj: Props, key: string): unknown {
  const v = obj[key];
  return v === null ? undefined : v;
}

/** An object at `path` (with only `known` keys); undefined (after a failure) when it is not one. */
export function readObject(c: Checker, raw: unknown, path: string, what: string, known: readonly string[], example: string): Props | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    c.fail(path, `must be ${what} — e.g. ${example}`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!known.includes(key) && (raw as Props)[key] !== undefined) c.fail(`${path}.${key}`, `is not a field of ${what} (fields: ${known.join(", ")})`);
  }
  return raw as Props;
}

/** A list at `path`; undefined (after a failure) when it is not one, or empty while `nonEmpty`. */
export function readList(c: Checker, raw: unknown, path: string, example: string, nonEmpty = true): unknown[] | undefined {
  if (!Array.isArray(raw) || (nonEmpty && raw.length === 0)) {
    c.fail(path, `must be a ${nonEmpty ? "non-empty " : ""}list — e.g. ${example}`);
    return undefined;
  }
  return raw;
}

export function readInt(c: Checker, raw: unknown, path: string, range: [number, number], dflt: number | undefined, example: string): unknown {
  if (raw === undefined || raw === null) return dflt;
  if (isUnknown(raw)) return raw;
  const n = coerceInt(raw);
  if (typeof n !== "number" || !Number.isInteger(n) || n < range[0] || n > range[1]) {
    c.fail(path, `must be an integer from ${range[0]} to ${range[1]} — e.g. ${example}`);
    return raw;
  }
  return n;
}

export function readBool(c: Checker, raw: unknown, path: string, dflt: boolean): unknown {
  if (raw === undefined || raw === null) return dflt;
  if (isUnknown(raw)) return raw;
  if (raw === true || raw === "true") return true;
  if (raw === false || raw === "false") return false;
  c.fail(path, `must be true or false (got ${JSON.stringify(raw)})`);
  return raw;
}

export function readText(c: Checker, raw: unknown, path: string, dflt: string | undefined): unknown {
  if (raw === undefined || raw === null) return dflt;
  if (isUnknown(raw) || typeof raw === "string") return raw;
  if (typeof raw === "number") return String(raw);
  c.fail(path, `must be a string (got ${JSON.stringify(raw)})`);
  return raw;
}

export function readChoice<T extends string>(c: Checker, raw: unknown, path: string, values: readonly T[], dflt: T | undefined, normalize: (v: string) => string = (v) => v): unknown {
  if (raw === undefined || raw === null) return dflt;
  if (isUnknown(raw)) return raw;
  const v = typeof raw === "string" ? normalize(raw.trim()) : raw;
  if (typeof v === "string" && (values as readonly string[]).includes(v)) return v;
  c.fail(path, `must be one of ${values.join(", ")} (got ${JSON.stringify(raw)})`);
  return raw;
}

/**
 * `adopt` of a TrafficDirector or TrafficDirectorMonitor: `true` (take over the one with the
 * declared label), `false`, or the id or label of the one to take over; into `c.out.adopt`.
 */
export function readAdoptByLabel(c: Checker, what: "service" | "monitor"): void {
  const raw = c.get("adopt");
  if (raw === undefined) return;
  if (isUnknown(raw) || typeof raw === "boolean" || (typeof raw === "string" && raw.trim() !== "" && raw !== "true" && raw !== "false")) {
    c.out.adopt = typeof raw === "string" && !isUnknown(raw) ? raw.trim() : raw;
  } else if (raw === "true" || raw === "false") c.out.adopt = raw === "true";
  else c.fail("adopt", `must be true (take over the ${what} with this label), or the id or label of the ${what} to take over`);
}
