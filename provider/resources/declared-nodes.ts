/**
 * What the program declares at each DNS node, seen across resources: the engine calls `check` of
 * every resource of a deployment in the one provider process (pulumi-dynamic-notes §2), so
 * conflicts DynECT would refuse only at apply time — or that would make two resources fight —
 * fail `check` of the later resource, before any API call:
 *   - a Record and a RecordSet of the same type at one node (the set owns every record there);
 *   - a CNAME and any other data at one node (§6.4 CNAME exclusivity);
 *   - more than 13 A records at one node (§6.4);
 *   - a ZoneRecords (it owns every record set of its zone that its `ignore` does not name) beside
 *     another ZoneRecords of the zone, or a Record/RecordSet there that it does not ignore.
 * `check` gets no URN, so a resource checked twice (same inputs) must not conflict with itself:
 * claims are sets of rdata keys, and Record-vs-RecordSet and CNAME-vs-other are conflicts between
 * different kinds or types, which one resource never is.
 */
import type { CheckFailure } from "./check";
import { rdataKey, resolveRecordName } from "./normalize";
import { containsUnknown, isUnknown } from "./unknown";
import { ignores, parseIgnore, type IgnoreRule } from "./zone-records-model";

/** §6.4: "Each node can only contain 13 A records". */
export const MAX_A_RECORDS_PER_NODE = 13;

type Props = Record<string, unknown>;
type Kind = "record" | "recordSet" | "zoneRecords";

interface TypeClaims {
  /** rdata keys declared by Record resources of this type here */
  records: Set<string>;
  /** rdata keys of the RecordSet of this type here, if one is declared */
  set: Set<string> | undefined;
}

function describeKind(kind: "record" | "recordSet"): string {
  return kind === "record" ? "Record" : "RecordSet";
}

export class DeclaredNodes {
  /** "<zone> <fqdn>" → type → claims */
  private readonly nodes = new Map<string, Map<string, TypeClaims>>();
  /** zone → the record sets ("<label> <TYPE>") Records and RecordSets declare in it */
  private readonly setsByZone = new Map<string, Set<string>>();
  /** zone → its ZoneRecords: what it ignores, and its inputs (the same resource checked again matches) */
  private readonly ownedZones = new Map<string, { rules: IgnoreRule[]; inputs: string }>();

  /**
   * Records what a resource that passed its own checks declares, or returns why it conflicts with
   * what other resources of the program declared (then nothing is recorded).
   */
  claim(kind: Kind, inputs: Props): CheckFailure[] {
    if (kind === "zoneRecords") return this.claimZone(inputs);
    const { zone, name, type } = inputs;
    if (typeof zone !== "string" || typeof name !== "string" || typeof type !== "string" || [zone, name, type].some(isUnknown)) return [];
    const resolved = resolveRecordName(name, zone);
    if ("error" in resolved) return [];
    const fqdn = resolved.fqdn;
    const values = rdataValues(kind, inputs);
    const node = this.nodes.get(`${zone} ${fqdn}`) ?? new Map<string, TypeClaims>();
    const failures = [
      ...this.zoneOwnership(zone, resolved.label, type),
      ...this.ownership(kind, type, fqdn, node),
      ...this.cnameExclusivity(type, fqdn, node, values),
      ...this.aLimit(kind, type, fqdn, node, values),
    ];
    if (failures.length > 0) return failures;
    this.nodes.set(`${zone} ${fqdn}`, node);
    let sets = this.setsByZone.get(zone);
    if (!sets) this.setsByZone.set(zone, (sets = new Set()));
    sets.add(`${resolved.label} ${type}`);
    let claims = node.get(type);
    if (!claims) node.set(type, (claims = { records: new Set(), set: undefined }));
    if (kind === "recordSet") claims.set = new Set(values ?? []);
    else for (const v of values ?? []) claims.records.add(v);
    return [];
  }

  /** A ZoneRecords and what else the program declares in its zone. */
  private claimZone(inputs: Props): CheckFailure[] {
    const { zone, ignore } = inputs;
    if (typeof zone !== "string" || isUnknown(zone) || containsUnknown(ignore)) return [];
    const rules = Array.isArray(ignore) ? ignore.map((p) => parseIgnore(String(p))) : [];
    const key = JSON.stringify([inputs.records, ignore]);
    const owner = this.ownedZones.get(zone);
    if (owner !== undefined && owner.inputs !== key) {
      return [{ property: "zone", reason: `another ZoneRecords already manages zone ${zone}, and each owns every record set of its zone — keep one ZoneRecords per zone` }];
    }
    const clash = [...(this.setsByZone.get(zone) ?? [])].find((set) => {
      const at = set.lastIndexOf(" ");
      return !ignores(rules, set.slice(0, at), set.slice(at + 1));
    });
    if (clash !== undefined) {
      return [
        {
          property: "zone",
          reason: `a Record or RecordSet of the program declares "${clash}" in zone ${zone}, and a ZoneRecords owns every record set of its zone it does not ignore — move that record into records, or add "${clash}" to ignore`,
        },
      ];
    }
    this.ownedZones.set(zone, { rules, inputs: key });
    return [];
  }

  /** A Record or RecordSet in a zone a ZoneRecords owns must be one it ignores. */
  private zoneOwnership(zone: string, label: string, type: string): CheckFailure[] {
    const owner = this.ownedZones.get(zone);
    if (owner === undefined || ignores(owner.rules, label, type)) return [];
    return [
      {
        property: "zone",
        reason: `zone ${zone} is managed by a ZoneRecords, which owns every record set of the zone it does not ignore — declare "${label} ${type}" in that ZoneRecords' records, or add "${label} ${type}" to its ignore`,
      },
    ];
  }

  /** A RecordSet owns every record of its type at its node: no Record of that type beside it. */
  private ownership(kind: "record" | "recordSet", type: string, fqdn: string, node: Map<string, TypeClaims>): CheckFailure[] {
    const claims = node.get(type);
    const other = kind === "record" ? "recordSet" : "record";
    const declared = other === "recordSet" ? claims?.set !== undefined : (claims?.records.size ?? 0) > 0;
    if (!declared) return [];
    const fix =
      kind === "record"
        ? `put this rdata in that RecordSet's records and remove this Record`
        : `list the Records' rdata in this RecordSet's records and remove those Records`;
    return [
      {
        property: "type",
        reason: `${type} records at ${fqdn} are also declared by a ${describeKind(other)}; a RecordSet owns every ${type} record at its node, so the two would undo each other's changes — ${fix}`,
      },
    ];
  }

  /** A CNAME node holds nothing else, and one CNAME (a RecordSet's own entries: check.ts). */
  private cnameExclusivity(type: string, fqdn: string, node: Map<string, TypeClaims>, values: string[] | undefined): CheckFailure[] {
    const others = [...node.keys()].filter((t) => t !== type);
    const clash = type === "CNAME" ? others : node.has("CNAME") ? ["CNAME"] : [];
    if (clash.length > 0) {
      return [
        {
          property: "type",
          reason: `${fqdn} also has ${clash.join(", ")} records declared, and a CNAME cannot coexist with other data at a node — move the CNAME (or the other records) to another name`,
        },
      ];
    }
    const cnames = node.get("CNAME")?.records;
    if (type === "CNAME" && values !== undefined && cnames !== undefined && values.some((v) => !cnames.has(v)) && cnames.size > 0) {
      return [{ property: "rdata", reason: `another Record declares a different CNAME at ${fqdn}, and a node holds one CNAME — keep one of them` }];
    }
    return [];
  }

  private aLimit(kind: "record" | "recordSet", type: string, fqdn: string, node: Map<string, TypeClaims>, values: string[] | undefined): CheckFailure[] {
    if (type !== "A" || values === undefined) return [];
    const claims = node.get("A");
    const all = new Set([...(claims?.records ?? []), ...(kind === "recordSet" ? [] : (claims?.set ?? [])), ...values]);
    if (all.size <= MAX_A_RECORDS_PER_NODE) return [];
    return [
      {
        property: kind === "record" ? "rdata" : "records",
        reason: `the program declares ${all.size} A records at ${fqdn}; DynECT allows at most ${MAX_A_RECORDS_PER_NODE} A records at one node — keep at most ${MAX_A_RECORDS_PER_NODE} there (spread the rest over other names)`,
      },
    ];
  }
}

let processWide: DeclaredNodes | undefined;

/** The declarations of the deployment this provider process serves (one process per deployment). */
export function declaredNodes(): DeclaredNodes {
  processWide ??= new DeclaredNodes();
  return processWide;
}

/** The rdata keys a resource declares; undefined while any of them is unknown (preview). */
function rdataValues(kind: "record" | "recordSet", inputs: Props): string[] | undefined {
  // A RecordSet's checked records are keyed by their zone-file text (check.ts: keyedRdata).
  const raw = kind === "record" ? [inputs.rdata] : inputs.records;
  const list = Array.isArray(raw) ? raw : typeof raw === "object" && raw !== null ? Object.values(raw) : undefined;
  if (list === undefined || containsUnknown(list)) return undefined;
  return list.map((r) => rdataKey(r as Props));
}
