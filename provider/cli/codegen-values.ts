/**
 * Values as TypeScript source for `pulumi-dyn generate`: literals, object keys, references to other
 * resources of the program (`Code`), nested objects and lists on one line where they fit and
 * indented one entry a line where they do not — and the defaults a program need not spell out.
 */
import { RDATA_FIELDS, type RecordType } from "../sdk";
import { presentationOrder } from "../sdk/zone-file";
import { deepEqual } from "../resources/normalize";

export const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Source text written as is: a reference to another resource (`zone.name`), or a value rendered before. */
export class Code {
  constructor(readonly text: string) {}
}

export function literal(v: unknown): string {
  return typeof v === "number" ? String(v) : JSON.stringify(v);
}

export function key(k: string): string {
  return IDENT.test(k) ? k : JSON.stringify(k);
}

/** `"a" "b"` (DynECT's chunks of a long TXT) → `ab`; other text unchanged. */
function readableTxt(value: string): string {
  const chunks = value.trim().match(/^"(?:[^"\\]|\\.)*"(?:\s+"(?:[^"\\]|\\.)*")*$/) ? value.trim().match(/"((?:[^"\\]|\\.)*)"/g) : null;
  if (!chunks) return value;
  return chunks.map((c) => c.slice(1, -1).replace(/\\(.)/g, "$1")).join("");
}

/** Record data as people read it: fields in zone-file order, host names without DynECT's trailing dot, long TXT as one string. */
export function rdataLiteral(type: RecordType, rdata: Record<string, unknown>): string {
  const fields = RDATA_FIELDS[type] as Record<string, { kind: string }>;
  // Fields in zone-file order where there is one (`preference` before `exchange`), as people read them.
  const parts = (presentationOrder(type) ?? Object.keys(fields))
    .filter((k) => rdata[k] !== undefined)
    .map((k) => {
      let v = rdata[k];
      if (typeof v === "string" && fields[k].kind === "hostname" && v !== "." && v.endsWith(".")) v = v.slice(0, -1);
      if (typeof v === "string" && (type === "TXT" || type === "SPF")) v = readableTxt(v);
      return `${key(k)}: ${literal(v)}`;
    });
  return `{ ${parts.join(", ")} }`;
}

/** Lines longer than this are broken up. */
const WIDTH = 110;

function inline(v: unknown): string {
  if (v instanceof Code) return v.text;
  if (Array.isArray(v)) return `[${v.map(inline).join(", ")}]`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, x]) => `${key(k)}: ${inline(x)}`).join(", ")} }`;
  }
  return literal(v);
}

/** `v` as source, its first line starting after `lead` characters and later lines at `indent`. */
export function render(v: unknown, indent: string, lead = indent.length): string {
  const one = inline(v);
  if (lead + one.length <= WIDTH || v instanceof Code || typeof v !== "object" || v === null) return one;
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => `${inner}${render(x, inner)},`).join("\n")}\n${indent}]`;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${render(x, inner, inner.length + key(k).length + 2)},`).join("\n")}\n${indent}}`;
}

type Path = (string | number)[];

function at(v: unknown, path: Path): unknown {
  let x = v;
  for (const p of path) x = typeof x === "object" && x !== null ? (x as Record<string | number, unknown>)[p] : undefined;
  return x;
}

/** Paths of the leaves `check` might fill in: scalars and empty lists, never inside `rdata`. */
function leaves(v: unknown, path: Path, out: Path[]): Path[] {
  if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) if (k !== "rdata") leaves(x, [...path, k], out);
  } else if (path.length > 0) out.push(path);
  return out;
}

function without(v: unknown, paths: Path[]): unknown {
  const copy = structuredClone(v);
  for (const p of paths) {
    const parent = at(copy, p.slice(0, -1));
    if (typeof parent === "object" && parent !== null && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[p[p.length - 1] as string];
  }
  return copy;
}

/**
 * `model` without the fields `check` fills in with the same value anyway (a weight of 1, an empty
 * label…), so the program says only what differs from the defaults — found by running `check`
 * itself, not by a second list of defaults. Fields `keep` names stay. If leaving fields out
 * changed what `check` makes of it, the whole model is kept.
 */
export function withoutDefaults<T>(model: T, check: (props: Record<string, unknown>) => unknown, keep: (path: Path) => boolean): T {
  const candidates = leaves(model, [], []).filter((p) => !keep(p) && !Array.isArray(at(model, p.slice(0, -1))));
  const filled = check(without(model, candidates) as Record<string, unknown>);
  const omit = candidates.filter((p) => deepEqual(at(filled, p), at(model, p)));
  const result = without(model, omit) as T;
  return deepEqual(check(result as Record<string, unknown>), check(model as Record<string, unknown>)) ? result : model;
}
