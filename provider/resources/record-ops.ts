/**
 * Record CRUD (dynect-api §6.1-§6.2). Record ids are unstable: POST answers `record_id: 0`
 * before publish and an update may change the id, so after every publish the record is found
 * again by node + type + rdata. The Pulumi id keeps the id at creation; `recordId` follows DynECT.
 */
import { createRecord, deleteRecord, isDynError, listRecords, updateRecord, type DynRecord, type DynectSession } from "../sdk";
import type { BatchResult } from "../deployment/zone-batcher";
import type { RecordType } from "../sdk/schemas/rdata";
import { getContext } from "../deployment/context";
import { creationKey } from "../deployment/creation-journal";
import { rdataKey } from "./normalize";
import { AlreadyExistsError, ChangeRefusedError, gone, initFailed, isNotFound, withContext } from "./errors";
import { fqdnOf, hasRdata, labelOf, liveRdata, locateNode, nodeInputsOf, parseId, reportedTtl, ttlMatches, withAdopt, zoneSnapshot } from "./records-common";
import { SINGLE_VALUED_TYPES, type RecordInputs, type RecordOutputs } from "./types";

type Props = Record<string, unknown>;

function inputsOf(p: Props): RecordInputs {
  return withAdopt<RecordInputs>({ ...nodeInputsOf(p), rdata: (p.rdata ?? {}) as Record<string, unknown> }, p);
}

function describe(r: { type: string }, fqdn: string): string {
  return `${r.type} record ${fqdn}`;
}

function recordIdOf(zone: string, fqdn: string, type: string, recordId: number): string {
  return `${zone}/${fqdn}/${type}/${recordId}`;
}

/** After a publish: the live record with this rdata (the id is final now), from the batch's read-back. */
function findPublished(batch: BatchResult<unknown, unknown, DynRecord[]>, r: RecordInputs, fqdn: string): DynRecord | undefined {
  return batch.readBack?.find((rec) => rec.record_type === r.type && rec.fqdn.toLowerCase() === fqdn && hasRdata(r.type, rec, r.rdata));
}

function notFoundAgain(batch: BatchResult<unknown, unknown, DynRecord[]>, fqdn: string): Error {
  const why = batch.readBackError instanceof Error ? ` (${batch.readBackError.message})` : "";
  return new Error(`the record was published but could not be found again at ${fqdn}${why}`);
}

/**
 * Binds to records that already exist (`adopt: true`): the one with this rdata gets the declared
 * TTL; for single-valued types (CNAME…) the node's one record is changed to the declared rdata.
 */
async function adoptExisting(session: DynectSession, r: RecordInputs, fqdn: string): Promise<void> {
  const existing = await listRecords(session, r.type, r.zone, fqdn);
  const same = existing.find((rec) => hasRdata(r.type, rec, r.rdata));
  // Already as declared: taken over without a write (and so without a publish).
  if (same && (await ttlMatches(session, r.zone, r.ttl, same.ttl))) return;
  const target = same ?? (SINGLE_VALUED_TYPES.has(r.type) ? existing[0] : undefined);
  if (target) await updateRecord(session, r.type, r.zone, fqdn, target.record_id, r.rdata, r.ttl);
  else await createRecord(session, r.type, r.zone, fqdn, r.rdata, r.ttl);
}

/**
 * Creates the record without looking first (one call, not two): DynECT itself refuses a record
 * with the same rdata (TARGET_EXISTS) and a second record at a single-valued node (CNAME
 * exclusivity, INVALID_DATA) — those answers become "already exists" here, with the fix.
 */
async function createNew(session: DynectSession, r: RecordInputs, fqdn: string, replay: boolean, journal: string): Promise<void> {
  try {
    await createRecord(session, r.type, r.zone, fqdn, r.rdata, r.ttl);
  } catch (e) {
    if (isDynError(e, "TARGET_EXISTS")) {
      // Replaying after a token change: an identical record here is this batch's own change,
      // already pending again on the new token (an older one would have failed the first run).
      if (replay) return;
      // Published by a run of this project that crashed before the engine heard of it: ours.
      if (getContext().journal.takeOver(journal)) return adoptExisting(session, r, fqdn);
      throw new AlreadyExistsError(`${describe(r, fqdn)} with this rdata already exists — set adopt: true on the Record to manage the existing record`);
    }
    if (isDynError(e, "INVALID_DATA") && SINGLE_VALUED_TYPES.has(r.type)) {
      const existing = await listRecords(session, r.type, r.zone, fqdn);
      if (existing.length > 0) {
        throw new AlreadyExistsError(`${describe(r, fqdn)} already exists with other data (a node holds one ${r.type}) — set adopt: true to take it over; it is then changed to the declared rdata`);
      }
    }
    throw e;
  }
}

export async function createRecordResource(props: Props): Promise<{ id: string; outs: RecordOutputs }> {
  const r = inputsOf(props);
  const fqdn = fqdnOf(r.zone, r.name);
  const { batcher, journal } = getContext();
  const key = creationKey("record", r.zone, fqdn, r.type, rdataKey(r.rdata));
  let published = false;
  try {
    const batch = await batcher.run(
      r.zone,
      (session, ctx) => (r.adopt === true ? adoptExisting(session, r, fqdn) : createNew(session, r, fqdn, ctx.replay, key)),
      { readBack: { fqdn, type: r.type }, journal: r.adopt === true ? undefined : key },
    );
    published = true;
    const live = findPublished(batch, r, fqdn);
    if (!live) throw notFoundAgain(batch, fqdn);
    return { id: recordIdOf(r.zone, fqdn, r.type, live.record_id), outs: { ...r, fqdn, recordId: live.record_id } };
  } catch (e) {
    const error = withContext(`creating ${describe(r, fqdn)}`, e);
    // Published but not found again: keep it in state (found by rdata on the next refresh).
    if (published) throw initFailed(error, recordIdOf(r.zone, fqdn, r.type, 0), { ...r, fqdn, recordId: 0 });
    throw error;
  } finally {
    journal.settle(key);
  }
}

/** Where a Record resource lives: from its outputs, else from its id (Record.get()). */
function locate(id: string, props: Props): { zone: string; fqdn: string; type: RecordType; recordId?: number } | undefined {
  const node = locateNode(id, props, 4);
  if (!node) return undefined;
  const idPart = parseId(id, 4)?.[3];
  const fromProps = typeof props.recordId === "number" ? props.recordId : undefined;
  const fromId = idPart !== undefined && /^\d+$/.test(idPart) ? Number(idPart) : undefined;
  return { ...node, recordId: fromProps ?? fromId };
}

/**
 * The live record of a resource: by current id; else by the first of `rdatas` (undefined ones
 * skipped) that a record has (the id changed on an update); else, with `orLone` and for
 * single-valued types (CNAME…), the node's one record (its rdata was changed outside Pulumi, which
 * may have moved its id). For multi-valued types a record with another id and other rdata may
 * belong to another resource, so it is never taken.
 */
function findLive(records: DynRecord[], type: RecordType, recordId: number | undefined, rdatas: unknown[], orLone = false): DynRecord | undefined {
  const byId = recordId === undefined ? undefined : records.find((r) => r.record_id === recordId);
  if (byId) return byId;
  for (const rdata of rdatas) {
    const match = rdata === undefined ? undefined : records.find((r) => hasRdata(type, r, rdata));
    if (match) return match;
  }
  return orLone && SINGLE_VALUED_TYPES.has(type) && records.length === 1 ? records[0] : undefined;
}

export async function readRecordResource(id: string, props: Props): Promise<{ id?: string; props?: RecordOutputs; inputs?: RecordInputs }> {
  const where = locate(id, props);
  if (!where) throw new Error(`reading record: "${id}" is not a Record id (expected <zone>/<fqdn>/<TYPE>/<record id>)`);
  try {
    const zone = await zoneSnapshot(where.zone);
    const live = findLive(zone.at(where.fqdn, where.type), where.type, where.recordId, [props.rdata], true);
    if (!live) return gone(props, `Record.get: the ${where.type} record ${where.fqdn}`, id);
    const inputs: RecordInputs = {
      zone: where.zone,
      name: labelOf(where.zone, where.fqdn),
      type: where.type,
      ttl: reportedTtl(zone.defaultTtl, props.ttl, live.ttl),
      rdata: liveRdata(where.type, live),
    };
    if (props.adopt !== undefined) inputs.adopt = props.adopt === true;
    return { id, props: { ...inputs, fqdn: where.fqdn, recordId: live.record_id }, inputs };
  } catch (e) {
    if (isNotFound(e)) return gone(props, `Record.get: the zone ${where.zone}`, id); // the zone is gone, and the record with it
    if (e instanceof ChangeRefusedError) throw e;
    throw withContext(`reading ${where.type} record ${where.fqdn}`, e);
  }
}

export async function updateRecordResource(id: string, olds: Props, news: Props): Promise<{ outs: RecordOutputs }> {
  const r = inputsOf(news);
  const fqdn = fqdnOf(r.zone, r.name);
  const { batcher } = getContext();
  const oldId = typeof olds.recordId === "number" ? olds.recordId : locate(id, olds)?.recordId;
  try {
    const batch = await batcher.run(
      r.zone,
      async (session) => {
        // By the id Pulumi knows: one call. DynECT may have moved the id (an update outside
        // Pulumi, §6.2), then the record is found again by its old or new rdata.
        if (oldId) {
          try {
            await updateRecord(session, r.type, r.zone, fqdn, oldId, r.rdata, r.ttl);
            return;
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
        }
        const records = await listRecords(session, r.type, r.zone, fqdn);
        const current = findLive(records, r.type, undefined, [olds.rdata, r.rdata]);
        if (!current) throw new ChangeRefusedError("the record no longer exists (deleted outside Pulumi?) — run `pulumi refresh`, then `pulumi up` re-creates it");
        await updateRecord(session, r.type, r.zone, fqdn, current.record_id, r.rdata, r.ttl);
      },
      { readBack: { fqdn, type: r.type } },
    );
    const live = findPublished(batch, r, fqdn);
    if (!live) throw notFoundAgain(batch, fqdn);
    return { outs: { ...r, fqdn, recordId: live.record_id } };
  } catch (e) {
    throw withContext(`updating ${describe(r, fqdn)}`, e);
  }
}

export async function deleteRecordResource(id: string, props: Props): Promise<void> {
  const where = locate(id, props);
  if (!where) return;
  try {
    await getContext().batcher.run(where.zone, async (session) => {
      if (where.recordId) {
        try {
          await deleteRecord(session, where.type, where.zone, where.fqdn, where.recordId);
          return;
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      // The id moved (§6.2): the record is found by its rdata, or is already gone.
      const records = await listRecords(session, where.type, where.zone, where.fqdn);
      const live = findLive(records, where.type, undefined, [props.rdata]);
      if (!live) return;
      try {
        await deleteRecord(session, where.type, where.zone, where.fqdn, live.record_id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    });
  } catch (e) {
    if (isNotFound(e)) return; // the zone is gone, and the record with it
    throw withContext(`deleting ${where.type} record ${where.fqdn}`, e);
  }
}
