/**
 * The emulator's §6.3 table (provider/emulator/rdata-table.ts) against the SDK's
 * (provider/sdk/schemas/rdata.ts). They are written separately on purpose — the emulator is the
 * ground truth the SDK is tested against — so this test lists every difference between them that
 * is intended, with its reason. A difference nobody listed fails; so does a listed difference that
 * no longer exists, so the list stays true.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as emulator from "../../provider/emulator/rdata-table";
import * as sdk from "../../provider/sdk/schemas/rdata";

/** Every intended difference, as `differences()` spells it → why. */
const INTENDED = new Map<string, string>([
  [
    "RP.mbox: kind emulator mailbox, SDK string",
    "DynECT returns mbox in DNS mailbox form (§6.3 `@` replaced by `.`); the SDK validates it as text and canonicalises it in canonicalRdata",
  ],
  [
    "SOA.rname: kind emulator mailbox, SDK string",
    "DynECT returns rname in mailbox form with a trailing dot (§6.4); the SDK sends the contact as given (updateSoa) and the Zone resource compares contacts itself (zone-ops liveContact)",
  ],
]);

type AnySpec = {
  kind: string;
  min?: number;
  max?: number;
  values?: readonly string[];
  hemispheres?: readonly string[];
  maxDegrees?: number;
  maxLength?: number;
  root?: boolean;
  characterStrings?: boolean;
};

function describeSpec(spec: AnySpec): string {
  const parts = [`kind ${spec.kind}`];
  if (spec.min !== undefined || spec.max !== undefined) parts.push(`range ${spec.min}..${spec.max}`);
  if (spec.values) parts.push(`values ${spec.values.join("|")}`);
  if (spec.hemispheres) parts.push(`hemispheres ${spec.hemispheres.join("|")}`);
  if (spec.maxDegrees !== undefined) parts.push(`maxDegrees ${spec.maxDegrees}`);
  if (spec.maxLength !== undefined) parts.push(`maxLength ${spec.maxLength}`);
  if (spec.root) parts.push("root allowed");
  if (spec.characterStrings) parts.push("character-strings");
  return parts.join(", ");
}

/** Every difference between the two tables, one line each. */
function differences(): string[] {
  const out: string[] = [];
  const emuTypes: string[] = [...emulator.RECORD_TYPES];
  const sdkTypes: string[] = [...sdk.RECORD_TYPES];
  for (const t of emuTypes) if (!sdkTypes.includes(t)) out.push(`type ${t}: only in the emulator`);
  for (const t of sdkTypes) if (!emuTypes.includes(t)) out.push(`type ${t}: only in the SDK`);
  const common = emuTypes.filter((t) => sdkTypes.includes(t));
  if (common.join() !== sdkTypes.filter((t) => emuTypes.includes(t)).join()) out.push("type order differs");
  for (const t of common) {
    const emuFields = emulator.RDATA_FIELDS[t as emulator.RecordType] as Record<string, AnySpec>;
    const sdkFields = sdk.RDATA_FIELDS[t as sdk.RecordType] as Record<string, AnySpec>;
    const emuNames = Object.keys(emuFields);
    const sdkNames = Object.keys(sdkFields);
    for (const f of emuNames) if (!sdkNames.includes(f)) out.push(`${t}.${f}: only in the emulator`);
    for (const f of sdkNames) if (!emuNames.includes(f)) out.push(`${t}.${f}: only in the SDK`);
    const both = emuNames.filter((f) => sdkNames.includes(f));
    if (both.join() !== sdkNames.filter((f) => emuNames.includes(f)).join()) out.push(`${t}: field order differs`);
    for (const f of both) {
      const e = emuFields[f];
      const s = sdkFields[f];
      if (e.kind !== s.kind) out.push(`${t}.${f}: kind emulator ${e.kind}, SDK ${s.kind}`);
      else if (describeSpec(e) !== describeSpec(s)) out.push(`${t}.${f}: emulator ${describeSpec(e)}; SDK ${describeSpec(s)}`);
    }
    if (emulator.recordResource(t as emulator.RecordType) !== sdk.recordResource(t as sdk.RecordType)) out.push(`${t}: resource name differs`);
    if (emulator.recordsKey(t as emulator.RecordType) !== sdk.recordsKey(t as sdk.RecordType)) out.push(`${t}: AllRecord key differs`);
  }
  return out;
}

/** The §6.3 table of the repository's API reference: type → rdata keys (backticked names outside parentheses). */
function specTable(): Map<string, string[]> {
  const doc = readFileSync(join(__dirname, "../../docs/dynect-api.md"), "utf8");
  const section = doc.slice(doc.indexOf("### 6.3 rdata field names per type"), doc.indexOf("### 6.4"));
  const table = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || !/^[A-Z0-9]+\b/.test(cells[1]) || cells[1].startsWith("Type")) continue;
    const type = /^[A-Z0-9]+/.exec(cells[1])![0];
    const keys = [...cells[2].replace(/\([^)]*\)/g, "").matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]);
    table.set(type, keys);
  }
  return table;
}

describe("the emulator's rdata table against the SDK's", () => {
  it("differs only where the list of intended differences says so", () => {
    const found = differences();
    const unlisted = found.filter((d) => !INTENDED.has(d));
    const stale = [...INTENDED.keys()].filter((d) => !found.includes(d));
    assert.deepEqual(unlisted, [], `differences nobody listed (fix the table that is wrong, or list the difference with its reason in INTENDED):\n${unlisted.join("\n")}`);
    assert.deepEqual(stale, [], `listed differences that no longer exist (remove them from INTENDED):\n${stale.join("\n")}`);
  });

  it("has exactly the types and rdata field names of the §6.3 table in docs/dynect-api.md", () => {
    const spec = specTable();
    assert.deepEqual([...emulator.RECORD_TYPES].sort(), [...spec.keys()].sort());
    for (const [type, fields] of spec) {
      assert.deepEqual(Object.keys(emulator.RDATA_FIELDS[type as emulator.RecordType]).sort(), [...fields].sort(), type);
    }
  });

  it("names resources `<T>Record` (§6.1) and AllRecord keys `<type>_records` (§5.4)", () => {
    assert.equal(emulator.recordResource("MX"), "MXRecord");
    assert.equal(emulator.recordsKey("AAAA"), "aaaa_records");
  });

  it("the comparison notices a change (it is not vacuous)", () => {
    const fields = emulator.RDATA_FIELDS.MX as unknown as Record<string, AnySpec>;
    const saved = fields.preference;
    fields.preference = { kind: "int", min: 0, max: 255 };
    try {
      assert.ok(differences().includes("MX.preference: emulator kind int, range 0..255; SDK kind int, range 0..65535"));
    } finally {
      fields.preference = saved;
    }
  });
});
