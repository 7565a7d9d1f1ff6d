/**
 * ZoneRecords CRUD: one resource owns the record sets of one zone (all but Dyn's own SOA and NS
 * and what `ignore` names). Create and update read the live zone once (AllRecord, §5.4), compute the
 * difference (zone-records-model.ts) and apply it with the fewest calls the API allows — one RRset
 * `PUT /REST/<T>Record/<zone>/<fqdn>/` per changed node and type, one `DELETE` per set that goes
 * (§6.1) — in one batch on the zone's lane, published once. With `bulk: true`, a large change is
 * one `PUT /REST/ZoneFile/<zone>/` (§5.5) instead. Pulumi id: the zone name.
 */
import { deleteRecords, getAllRecords, isDynError, replaceRecords, replaceZoneFile, type DynRecord, type DynectSession } from "../sdk";
import { fitsZoneFile } from "../sdk/api/zones";
import { zoneFileOf, zoneFileSupports, type ZoneFileRecord } from "../sdk/zone-file";
import { getContext } from "../deployment/context";
import { creationKey } from "../deployment/creation-journal";
import { AlreadyExistsError, ChangeRefusedError, gone, isNotFound, withContext } from "./errors";
import { zoneOfId } from "./records-common";
import {
  countRecords,
  liveRecords,
  managedSets,
  parseIgnore,
  planChanges,
  zoneDefaultTtlOf,
  type LiveSet,
  type Plan,
  type RecordsMap,
} from "./zone-records-model";

type Props = Record<string, unknown>;

/** The zone of a ZoneRecords does not exist (a refusal of this change alone). */
class ZoneMissingError extends ChangeRefusedError {
  override readonly name = "ZoneMissingError";
}

export interface ZoneRecordsInputs {
  zone: string;
  records: RecordsMap;
  ignore?: string[];
  adopt?: boolean;
  bulk?: boolean;
}

export interface ZoneRecordsOutputs extends ZoneRecordsInputs {
  /** How many records the resource owns. */
  recordCount: number;
}

/** From this many changed record sets on, `bulk: true` rewrites the zone with one zone-file upload. */
export const BULK_MIN_CHANGES = 20;

function inputsOf(p: Props): ZoneRecordsInputs {
  const out: ZoneRecordsInputs = { zone: String(p.zone), records: (p.records ?? {}) as RecordsMap };
  if (Array.isArray(p.ignore) && p.ignore.length > 0) out.ignore = p.ignore as string[];
  if (p.adopt !== undefined) out.adopt = p.adopt === true;
  if (p.bulk !== undefined) out.bulk = p.bulk === true;
  return out;
}

function outputsOf(z: ZoneRecordsInputs): ZoneRecordsOutputs {
  return { ...z, recordCount: countRecords(z.records) };
}

async function liveZone(session: DynectSession, z: ZoneRecordsInputs): Promise<{ all: DynRecord[]; sets: Map<string, LiveSet> }> {
  let all: DynRecord[];
  try {
    all = await getAllRecords(session, z.zone);
  } catch (e) {
    if (isNotFound(e)) throw new ZoneMissingError(`zone ${z.zone} does not exist in the Dyn account — declare it with a Zone resource (and pass zone: zone.name), or create it first`);
    throw e;
  }
  return { all, sets: managedSets(all, z.zone, (z.ignore ?? []).map(parseIgnore)) };
}

function refuseExisting(z: ZoneRecordsInputs, sets: Map<string, LiveSet>): void {
  if (sets.size === 0) return;
  const sample = [...sets.keys()].slice(0, 5).join(", ");
  throw new AlreadyExistsError(
    `zone ${z.zone} already holds ${sets.size} record set(s) this ZoneRecords would own (${sample}${sets.size > 5 ? ", …" : ""}) — ` +
      `set adopt: true to take them over (sets not declared are then deleted), or list what other tools manage in ignore`,
  );
}

/** The whole zone as it must be after the change: the declared sets plus what the resource leaves alone. */
function fileRecords(z: ZoneRecordsInputs, all: DynRecord[], sets: Map<string, LiveSet>, zoneDefault: number): ZoneFileRecord[] | undefined {
  const owned = new Set<DynRecord>([...sets.values()].flatMap((s) => s.records));
  const out: ZoneFileRecord[] = [];
  const apex = (fqdn: string) => fqdn.replace(/\.$/, "").toLowerCase() === z.zone;
  for (const r of all) {
    // Dyn keeps its SOA and the apex NS whatever the file says (§5.5); delegations below the apex
    // (NS at other names) are ordinary records of the file, kept when this resource does not own them.
    if (r.record_type === "SOA" || (r.record_type === "NS" && apex(r.fqdn)) || owned.has(r)) continue;
    out.push({ fqdn: r.fqdn.replace(/\.$/, ""), type: r.record_type, ttl: r.ttl, rdata: r.rdata });
  }
  for (const [key, set] of Object.entries(z.records)) {
    const [label, type] = [key.slice(0, key.lastIndexOf(" ")), key.slice(key.lastIndexOf(" ") + 1)] as [string, DynRecord["record_type"]];
    if (type === "NS" && label === "@") return undefined; // a file cannot change the apex NS (§5.5): per-set calls
    const fqdn = label === "@" ? z.zone : `${label}.${z.zone}`;
    for (const rdata of Object.values(set.values)) out.push({ fqdn, type, ttl: set.ttl === 0 ? zoneDefault : set.ttl, rdata });
  }
  return out.every((r) => zoneFileSupports(r.type)) ? out : undefined;
}

/** Makes the owned part of the zone equal to `z.records`; runs inside the zone's batch. */
async function apply(session: DynectSession, z: ZoneRecordsInputs, opts: { refuseExisting: boolean; journal?: string }): Promise<Plan> {
  const { all, sets } = await liveZone(session, z);
  // What a crashed run of this project created here is ours (creation-journal.ts).
  if (opts.refuseExisting && !(sets.size > 0 && opts.journal !== undefined && getContext().journal.takeOver(opts.journal))) refuseExisting(z, sets);
  const zoneDefault = zoneDefaultTtlOf(all);
  const plan = planChanges(z.zone, z.records, sets, zoneDefault);
  const changes = plan.puts.length + plan.deletes.length;
  if (z.bulk && changes >= BULK_MIN_CHANGES && zoneDefault !== undefined) {
    const records = fileRecords(z, all, sets, zoneDefault);
    const file = records && zoneFileOf(z.zone, records);
    if (file && fitsZoneFile(file)) {
      await replaceZoneFile(session, z.zone, file);
      return plan;
    }
  }
  // Deletes first: a node changing from A to CNAME (or back) must be empty of the other type (§6.4).
  for (const d of plan.deletes) {
    try {
      await deleteRecords(session, d.type, z.zone, d.fqdn);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  for (const p of plan.puts) {
    await replaceRecords(
      session,
      p.type,
      z.zone,
      p.fqdn,
      p.records.map((rdata) => ({ rdata, ttl: p.ttl })),
    );
  }
  return plan;
}

export async function createZoneRecordsResource(props: Props): Promise<{ id: string; outs: ZoneRecordsOutputs }> {
  const z = inputsOf(props);
  const journal = z.adopt === true ? undefined : creationKey("zoneRecords", z.zone);
  try {
    // Replaying (a new token, a dropped sibling change): what is there may be this batch's own writes.
    await getContext().batcher.run(z.zone, (session, ctx) => apply(session, z, { refuseExisting: z.adopt !== true && !ctx.replay, journal }), { journal });
    return { id: z.zone, outs: outputsOf(z) };
  } catch (e) {
    throw withContext(`creating the records of zone ${z.zone}`, e);
  } finally {
    if (journal !== undefined) getContext().journal.settle(journal);
  }
}

export async function readZoneRecordsResource(id: string, props: Props): Promise<{ id?: string; props?: ZoneRecordsOutputs; inputs?: ZoneRecordsInputs }> {
  const zone = zoneOfId(id, props.zone, "ZoneRecords");
  const declared = inputsOf({ ...props, zone });
  try {
    const all = await getContext().zoneRecords(zone);
    const sets = managedSets(all, zone, (declared.ignore ?? []).map(parseIgnore));
    const inputs: ZoneRecordsInputs = { ...declared, records: liveRecords(sets, declared.records, zoneDefaultTtlOf(all)) };
    return { id: zone, props: outputsOf(inputs), inputs };
  } catch (e) {
    if (isNotFound(e)) return gone(props, `ZoneRecords.get: the zone ${zone}`, id);
    throw withContext(`reading the records of zone ${zone}`, e);
  }
}

export async function updateZoneRecordsResource(_id: string, _olds: Props, news: Props): Promise<{ outs: ZoneRecordsOutputs }> {
  const z = inputsOf(news);
  try {
    await getContext().batcher.run(z.zone, (session) => apply(session, z, { refuseExisting: false }));
    return { outs: outputsOf(z) };
  } catch (e) {
    throw withContext(`updating the records of zone ${z.zone}`, e);
  }
}

export async function deleteZoneRecordsResource(id: string, props: Props): Promise<void> {
  const z = { ...inputsOf({ ...props, zone: id || props.zone }), records: {}, bulk: false };
  try {
    await getContext().batcher.run(z.zone, (session) => apply(session, z, { refuseExisting: false }));
  } catch (e) {
    // The zone is gone, and its records with it.
    if (e instanceof ZoneMissingError || isDynError(e, "NOT_FOUND")) return;
    throw withContext(`deleting the records of zone ${z.zone}`, e);
  }
}
