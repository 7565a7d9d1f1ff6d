/**
 * Readers for DSF request fields (dynect-api.md §7.4: booleans and numbers arrive as JSON values
 * or as strings such as "true", "Y", "60"). Each returns the typed value or throws 400 INVALID_DATA
 * `<field>: <reason>`; absent (undefined/null) values give the default.
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import { AUTOMATIONS, type Automation } from "./model";

export const MAX_TTL = 2147483647;

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

function bad(field: string, reason: string): never {
  throw fail(400, "INVALID_DATA", TEXT.badArg(field, reason));
}

export function readBool(field: string, raw: unknown, dflt: boolean): boolean {
  if (absent(raw)) return dflt;
  if (typeof raw === "boolean") return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === "string") {
    const v = raw.trim().toLowerCase();
    if (["true", "y", "yes", "1"].includes(v)) return true;
    if (["false", "n", "no", "0"].includes(v)) return false;
  }
  return bad(field, 'must be true or false ("Y"/"N" accepted)');
}

export function readInt(field: string, raw: unknown, min: number, max: number, dflt: number): number {
  if (absent(raw) || raw === "") return dflt;
  const n = typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) return bad(field, `must be an integer from ${min} to ${max}`);
  return n;
}

/** A TTL; `""` (the inherit marker of record sets) gives the default too. */
export function readTtl(field: string, raw: unknown, dflt: number | null): number | null {
  if (absent(raw) || raw === "") return dflt;
  return readInt(field, raw, 0, MAX_TTL, 0);
}

export function readAutomation(field: string, raw: unknown, dflt: Automation): Automation {
  if (absent(raw) || raw === "") return dflt;
  if (typeof raw === "string" && (AUTOMATIONS as readonly string[]).includes(raw)) return raw as Automation;
  return bad(field, `must be one of ${AUTOMATIONS.join(", ")}`);
}

/** A free label (rulesets, pools, chains, record sets, records); numbers are taken as text. */
export function readLabel(field: string, raw: unknown, dflt: string): string {
  if (absent(raw)) return dflt;
  if (typeof raw === "string") return raw;
  if (typeof raw === "number") return String(raw);
  return bad(field, "must be a string");
}

/** A service label (§7.5): required, no `* < > % /`, and it may not start with a special character. */
export function readServiceLabel(raw: unknown): string {
  if (absent(raw) || raw === "") throw fail(400, "MISSING_DATA", TEXT.missingArg("label"));
  const label = readLabel("label", raw, "");
  if (/[*<>%/]/.test(label)) return bad("label", "may not contain any of * < > % /");
  if (!/^[A-Za-z0-9]/.test(label)) return bad("label", "must start with a letter or a digit");
  return label;
}

/** `endpoints` of a record: an array of strings. */
export function readStringList(field: string, raw: unknown, dflt: string[]): string[] {
  if (absent(raw)) return dflt;
  if (!Array.isArray(raw) || !raw.every((e) => typeof e === "string")) return bad(field, "must be an array of strings");
  return [...raw] as string[];
}

/** An object-valued argument (or undefined). */
export function readObject(field: string, raw: unknown): Record<string, unknown> | undefined {
  if (absent(raw)) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) return bad(field, "must be an object");
  return raw as Record<string, unknown>;
}

/** An array-valued argument of objects (or undefined). */
export function readObjectList(field: string, raw: unknown): Record<string, unknown>[] | undefined {
  if (absent(raw)) return undefined;
  if (!Array.isArray(raw) || !raw.every((e) => typeof e === "object" && e !== null && !Array.isArray(e))) return bad(field, "must be an array of objects");
  return raw as Record<string, unknown>[];
}

/** An id argument: a non-empty string. */
export function readId(field: string, raw: unknown): string | undefined {
  if (absent(raw) || raw === "") return undefined;
  if (typeof raw !== "string") return bad(field, "must be an id string");
  return raw;
}

/**
 * `publish` (§7.3): "Y" applies now, "N" stages; booleans and any case accepted. `absentMeans`
 * is the route's default when the argument is missing.
 */
export function readPublish(raw: unknown, absentMeans: boolean): boolean {
  if (absent(raw) || raw === "") return absentMeans;
  return readBool("publish", raw, absentMeans);
}
