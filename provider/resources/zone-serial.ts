/**
 * The live serial of a zone, read by the Pulumi program itself. Every publish moves the serial —
 * also those of the zone's records — so the `serial` output of a Zone holds only the serial of the
 * zone's own last publish, and `read` never changes it (a refresh would otherwise report drift
 * nobody caused on the Zone and on every `Zone.get` reference). The live value comes from here:
 * a Pulumi function cannot serve it (the dynamic-provider host answers no Invoke), so the program
 * logs in with the provider's settings (stack config `dyn:*`, else the `DYN_*` environment), reads
 * the zone once (§5.1 `GET /REST/Zone/<zone>/`) and logs out.
 */
import * as pulumi from "@pulumi/pulumi";
import { readConfig } from "../config";
import { DynectSession, getZone, isDynError } from "../sdk";

/** pulumi-dyn resources constructed in this program so far (what `getZoneSerial` waits for by default). */
const constructed: pulumi.Resource[] = [];

/** Called by every pulumi-dyn resource class at construction. */
export function trackConstructed(resource: pulumi.Resource): void {
  constructed.push(resource);
}

export interface ZoneSerialOptions {
  /**
   * Read once these resources are done (their changes published). Default: every pulumi-dyn
   * resource constructed so far in the program — so a call at the end of the program gives the
   * serial after this deployment's changes.
   */
  after?: pulumi.Resource[];
}

/**
 * The zone's live serial at DynECT, e.g. `export const serial = dyn.getZoneSerial(zone.name)` at
 * the end of the program: the serial after this deployment's publishes. Runs in previews too (as
 * Pulumi functions do): then it is the serial before the deployment, or unknown for a zone the
 * deployment creates.
 */
export function getZoneSerial(zone: pulumi.Input<string>, opts: ZoneSerialOptions = {}): pulumi.Output<number> {
  const after = opts.after ?? [...constructed];
  // apply lifts the unknown Output liveSerial may answer in a preview: the result is Output<number>.
  return pulumi.all([zone, ...after.map((r) => r.urn)]).apply(([name]) => liveSerial(String(name))) as pulumi.Output<number>;
}

async function liveSerial(zone: string): Promise<number | pulumi.Output<number>> {
  const config = readConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  // Its own session, outside the registry: nothing persisted, logged out when done.
  const session = new DynectSession({
    apiUrl: config.apiUrl,
    customerName: config.customerName,
    userName: config.username,
    password: config.password,
    sessionKey: "",
    engine: config.requestsPerMinute === undefined ? undefined : { requestsPerMinute: config.requestsPerMinute },
  });
  try {
    return (await getZone(session, zone.replace(/\.$/, "").toLowerCase())).serial;
  } catch (e) {
    // A preview of a deployment that creates the zone: its serial is not known yet.
    if (pulumi.runtime.isDryRun() && isDynError(e, "NOT_FOUND")) return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<number>;
    throw e;
  } finally {
    await session.close();
  }
}
