/**
 * RecordSet CRUD: all records of one type at one node, written with the one-call replace of the
 * whole set (dynect-api §6.1 `PUT /REST/<T>Record/<zone>/<fqdn>/`). Pulumi id: `<zone>/<fqdn>/<TYPE>`.
 */
import { deleteRecords, listRecords, replaceRecords, type DynRecord, type DynectSession } from "../sdk";
import type { RecordType } from "../sdk/schemas/rdata";
import { getContext } from "../deployment/context";
import { creationKey } from "../deployment/creation-journal";
import { AlreadyExistsError, ChangeRefusedError, gone, initFailed, isNotFound, withContext } from "./errors";
import { keyedRdata, valueKey } from "./normalize";
import { fqdnOf, labelOf, liveRdata, locateNode, nodeInputsOf, reportedTtl, ttlMatches, withAdopt, zoneSnapshot } from "./records-common";
import type { BatchResult } from "../deployment/zone-batcher";
import type { RecordSetInputs, RecordSetOutputs } from "./types";

type Props = Record<string, unknown>;

/** Normalised properties (from check, so `records` is keyed) in the resource's terms. */
function inputsOf(p: Props): RecordSetInputs {
  return withAdopt<RecordSetInputs>({ ...nodeInputsOf(p), records: (p.records ?? {}) as RecordSetInputs["records"] }, p);
}

function describe(type: string, fqdn: string): string {
  return `${type} record set ${fqdn}`;
}

/** Record ids in the order of the (keyed, sorted) declared records. */
function idsInOrder(type: RecordType, records: RecordSetInputs["records"], live: DynRecord[]): number[] {
  const byKey = new Map(live.map((r) => [valueKey(type, liveRdata(type, r)), r.record_id]));
  return Object.keys(records).map((key) => byKey.get(key) ?? 0);
}

/** The live records of the set are exactly the declared ones, with the declared TTL. */
async function setMatches(session: DynectSession, s: RecordSetInputs, live: DynRecord[]): Promise<boolean> {
  const declared = Object.keys(s.records);
  if (live.length !== declared.length) return false;
  const keys = new Set(live.map((r) => valueKey(s.type, liveRdata(s.type, r))));
  if (!declared.every((key) => keys.has(key))) return false;
  for (const r of live) if (!(await ttlMatches(session, s.zone, s.ttl, r.ttl))) return false;
  return true;
}

async function write(session: DynectSession, s: RecordSetInputs, fqdn: string): Promise<void> {
  await replaceRecords(session, s.type, s.zone, fqdn, Object.values(s.records).map((rdata) => ({ rdata, ttl: s.ttl })));
}

/** Outputs after the publish: the record ids (final now, §6.2) from the batch's read-back. */
function publishedOutputs(batch: BatchResult<unknown, unknown, DynRecord[]>, s: RecordSetInputs, fqdn: string): RecordSetOutputs {
  const live = (batch.readBack ?? []).filter((r) => r.record_type === s.type && r.fqdn.toLowerCase() === fqdn);
  return { ...s, fqdn, recordIds: idsInOrder(s.type, s.records, live) };
}

export async function createRecordSetResource(props: Props): Promise<{ id: string; outs: RecordSetOutputs }> {
  const s = inputsOf(props);
  const fqdn = fqdnOf(s.zone, s.name);
  const journal = s.adopt === true ? undefined : creationKey("recordSet", s.zone, fqdn, s.type);
  let published = false;
  try {
    const batch = await getContext().batcher.run(
      s.zone,
      async (session, ctx) => {
        // The node PUT replaces silently (§6.1): look first, unless replaying our own change.
        const existing = ctx.replay ? [] : await listRecords(session, s.type, s.zone, fqdn);
        // What a crashed run of this project created here is ours, as if adopted (creation-journal.ts).
        const ours = s.adopt === true || (existing.length > 0 && journal !== undefined && getContext().journal.takeOver(journal));
        if (ours) {
          // Taken over as it is when it already matches: nothing written, nothing published.
          if (await setMatches(session, s, existing)) return;
        } else if (existing.length > 0) {
          throw new AlreadyExistsError(
            `${existing.length} ${s.type} record(s) already exist at ${fqdn} — set adopt: true on the RecordSet to manage them (they are then replaced by the declared records)`,
          );
        }
        await write(session, s, fqdn);
      },
      { readBack: { fqdn, type: s.type }, journal },
    );
    published = true;
    return { id: `${s.zone}/${fqdn}/${s.type}`, outs: publishedOutputs(batch, s, fqdn) };
  } catch (e) {
    const error = withContext(`creating ${describe(s.type, fqdn)}`, e);
    if (published) throw initFailed(error, `${s.zone}/${fqdn}/${s.type}`, { ...s, fqdn, recordIds: [] });
    throw error;
  } finally {
    if (journal !== undefined) getContext().journal.settle(journal);
  }
}

export async function readRecordSetResource(id: string, props: Props): Promise<{ id?: string; props?: RecordSetOutputs; inputs?: RecordSetInputs }> {
  const where = locateNode(id, props, 3);
  if (!where) throw new Error(`reading record set: "${id}" is not a RecordSet id (expected <zone>/<fqdn>/<TYPE>)`);
  try {
    const zone = await zoneSnapshot(where.zone);
    const live = zone.at(where.fqdn, where.type);
    if (live.length === 0) return gone(props, `RecordSet.get: ${where.type} records at ${where.fqdn}`, id);
    const records = keyedRdata(where.type, live.map((r) => liveRdata(where.type, r)));
    // One TTL per set: if records disagree, report the one that differs from the declared TTL.
    const declared = props.ttl;
    const ttls = live.map((r) => r.ttl);
    const odd = ttls.find((t) => t !== declared) ?? ttls[0];
    const ttl = reportedTtl(zone.defaultTtl, declared, odd);
    const inputs: RecordSetInputs = { zone: where.zone, name: labelOf(where.zone, where.fqdn), type: where.type, ttl, records };
    if (props.adopt !== undefined) inputs.adopt = props.adopt === true;
    return { id, props: { ...inputs, fqdn: where.fqdn, recordIds: idsInOrder(where.type, records, live) }, inputs };
  } catch (e) {
    if (isNotFound(e)) return gone(props, `RecordSet.get: the zone ${where.zone}`, id);
    if (e instanceof ChangeRefusedError) throw e;
    throw withContext(`reading ${describe(where.type, where.fqdn)}`, e);
  }
}

export async function updateRecordSetResource(_id: string, _olds: Props, news: Props): Promise<{ outs: RecordSetOutputs }> {
  const s = inputsOf(news);
  const fqdn = fqdnOf(s.zone, s.name);
  try {
    const batch = await getContext().batcher.run(s.zone, (session) => write(session, s, fqdn), { readBack: { fqdn, type: s.type } });
    return { outs: publishedOutputs(batch, s, fqdn) };
  } catch (e) {
    throw withContext(`updating ${describe(s.type, fqdn)}`, e);
  }
}

export async function deleteRecordSetResource(id: string, props: Props): Promise<void> {
  const where = locateNode(id, props, 3);
  if (!where) return;
  try {
    await getContext().batcher.run(where.zone, async (session) => {
      try {
        await deleteRecords(session, where.type, where.zone, where.fqdn);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    });
  } catch (e) {
    if (isNotFound(e)) return;
    throw withContext(`deleting ${describe(where.type, where.fqdn)}`, e);
  }
}
