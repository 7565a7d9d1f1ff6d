/** Zone CRUD (dynect-api §5.1, §6.4 SOA) on top of the SDK and the zone batcher. */
import { createZone, deleteZone, getSoa, getZone, isDynError, updateSoa, type DynectSession, type ZoneInfo } from "../sdk";
import { getContext } from "../deployment/context";
import { creationKey } from "../deployment/creation-journal";
import { AlreadyExistsError, gone, initFailed, isNotFound, withContext } from "./errors";
import { liveContact } from "./normalize";
import { zoneOfId, zoneSnapshot } from "./records-common";
import type { SerialStyle, ZoneInputs, ZoneOutputs } from "./types";

type Props = Record<string, unknown>;

function inputsOf(p: Props): ZoneInputs {
  const out: ZoneInputs = {
    name: String(p.name),
    contact: String(p.contact),
    ttl: Number(p.ttl),
    serialStyle: p.serialStyle as SerialStyle,
  };
  if (p.adopt !== undefined) out.adopt = p.adopt === true;
  return out;
}

async function zoneExists(session: DynectSession, zone: string): Promise<boolean> {
  try {
    await getZone(session, zone);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** The zone already has the declared contact, default TTL and serial style. */
async function soaMatches(session: DynectSession, z: ZoneInputs, live: ZoneInfo): Promise<boolean> {
  const soa = await getSoa(session, z.name);
  const rname = String((soa.rdata as Record<string, unknown>).rname ?? "");
  return live.serial_style === z.serialStyle && soa.ttl === z.ttl && liveContact(rname, z.contact) === z.contact;
}

function soaUpdate(z: ZoneInputs) {
  return { rname: z.contact, ttl: z.ttl, serialStyle: z.serialStyle };
}

/** Outputs after a publish (serial and type of the published zone; defaults when nothing was published). */
function outputsOf(z: ZoneInputs, published: ZoneInfo | undefined): ZoneOutputs {
  return { ...z, serial: published?.serial ?? 0, zoneType: published?.zone_type ?? "Primary" };
}

export async function createZoneResource(props: Props): Promise<{ id: string; outs: ZoneOutputs }> {
  const z = inputsOf(props);
  const { batcher, journal } = getContext();
  const key = creationKey("zone", z.name);
  let created = false;
  try {
    const { published, value: adopted } = await batcher.run(
      z.name,
      async (session): Promise<ZoneInfo | undefined> => {
        if (created) return undefined; // a replay: the zone exists (creating a zone is not a pending change, §5.1)
        if (z.adopt) {
          const live = await takeOver(session, z);
          if (live) return live;
        }
        // No look first: DynECT refuses an existing zone itself (TARGET_EXISTS, §2.3).
        try {
          await createZone(session, z.name, soaUpdate(z));
          created = true;
          journal.note([key]); // a zone exists from its creation on, published or not (§5.1)
        } catch (e) {
          if (!isDynError(e, "TARGET_EXISTS")) throw e;
          // Created by a run of this project that crashed before the engine heard of it: ours.
          const live = journal.takeOver(key) ? await takeOver(session, z) : undefined;
          if (live) return live;
          throw new AlreadyExistsError(`zone ${z.name} already exists in the Dyn account — set adopt: true on the Zone to manage the existing zone (its contact, ttl and serialStyle are then changed to the declared values)`);
        }
        return undefined;
      },
    );
    return { id: z.name, outs: outputsOf(z, published ?? adopted) };
  } catch (e) {
    const error = withContext(`creating zone ${z.name}`, e);
    // A zone we created whose publish failed still exists: hand it to Pulumi so it is not leaked.
    if (created && !(e instanceof AlreadyExistsError)) {
      const exists = await zoneExists(batcher.sessionOf(z.name), z.name).catch(() => false);
      if (exists) throw initFailed(error, z.name, { ...z, serial: 0, zoneType: "Primary" });
    }
    throw error;
  } finally {
    journal.settle(key);
  }
}

/** The live zone, taken over as declared: nothing written (nor published) when it already matches. */
async function takeOver(session: DynectSession, z: ZoneInputs): Promise<ZoneInfo | undefined> {
  const live = await getZone(session, z.name).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
  if (live && !(await soaMatches(session, z, live))) await updateSoa(session, z.name, soaUpdate(z));
  return live;
}

export async function readZoneResource(id: string, props: Props): Promise<{ id?: string; props?: ZoneOutputs; inputs?: ZoneInputs }> {
  const zone = zoneOfId(id, props.name, "Zone");
  const context = getContext();
  try {
    const info = await getZone(context.sessionFor(zone), zone);
    // The SOA (contact, default TTL) from the zone's shared read: the zone's records need it too.
    const soa = (await zoneSnapshot(zone)).soa ?? (await getSoa(context.sessionFor(zone), zone));
    const rname = String((soa.rdata as Record<string, unknown>).rname ?? "");
    const inputs: ZoneInputs = { name: info.zone.replace(/\.$/, "").toLowerCase(), contact: liveContact(rname, props.contact), ttl: soa.ttl, serialStyle: info.serial_style };
    if (props.adopt !== undefined) inputs.adopt = props.adopt === true;
    // The serial as known (own last publish, or the first read of a Zone.get): every publish of a
    // record moves the live one, which is no drift — getZoneSerial reads it (zone-serial.ts).
    const serial = typeof props.serial === "number" ? props.serial : info.serial;
    return { id: zone, props: { ...inputs, serial, zoneType: info.zone_type }, inputs };
  } catch (e) {
    if (isNotFound(e)) return gone(props, `Zone.get: the zone ${zone}`, id);
    throw withContext(`reading zone ${zone}`, e);
  }
}

export async function updateZoneResource(id: string, _olds: Props, news: Props): Promise<{ outs: ZoneOutputs }> {
  const z = inputsOf(news);
  try {
    const { published } = await getContext().batcher.run(id, (session) => updateSoa(session, id, soaUpdate(z)));
    return { outs: outputsOf(z, published) };
  } catch (e) {
    throw withContext(`updating zone ${id}`, e);
  }
}

export async function deleteZoneResource(id: string): Promise<void> {
  try {
    await getContext().batcher.run(
      id,
      async (session) => {
        try {
          await deleteZone(session, id);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        } finally {
          getContext().zoneChanged(id);
        }
      },
      { publish: false },
    );
  } catch (e) {
    throw withContext(`deleting zone ${id}`, e);
  }
}
