/**
 * One emulator + one dynamic-provider host configured against it, plus an out-of-band DynECT
 * client (a separate SDK session, as another tool or a person would use) for drift and adoption.
 */
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { packedProject } from "./packed";
import { ProviderHost, secret, serializedShims, type HostOptions, type Kind } from "./provider-host";

export const ACCOUNT = { customer: "acme", user: "alice", password: "correct-horse-battery" };

export interface Fixture {
  emulator: RunningEmulator;
  host: ProviderHost;
  /** Out-of-band session: changes made here are "outside Pulumi". */
  oob: sdk.DynectSession;
  close(): Promise<void>;
}

let shimsCache: Promise<Record<Kind, string>> | undefined;
export function shims(): Promise<Record<Kind, string>> {
  shimsCache ??= packedProject().then((dir) => serializedShims(dir));
  return shimsCache;
}

export interface FixtureOptions {
  /** Extra stack config, e.g. { "dyn:maxSessions": "1" } (secrets wrapped with `secret()`). */
  config?: Record<string, unknown>;
  /** Skip configure() entirely. */
  noConfigure?: boolean;
  emulator?: Parameters<typeof startEmulator>[0];
  host?: HostOptions;
}

export async function startFixture(opts: FixtureOptions = {}): Promise<Fixture> {
  const projectDir = await packedProject();
  const emulator = await startEmulator({ accounts: [ACCOUNT], rateLimitPerMinute: 1_000_000, ...opts.emulator });
  const host = await ProviderHost.start(projectDir, await shims(), opts.host);
  if (!opts.noConfigure) {
    await host.configure({
      "dyn:customerName": ACCOUNT.customer,
      "dyn:username": ACCOUNT.user,
      "dyn:password": secret(ACCOUNT.password),
      "dyn:apiUrl": emulator.url,
      "dyn:requestsPerMinute": "0",
      "dyntest:unrelated": "x",
      ...opts.config,
    });
  }
  const oob = new sdk.DynectSession({
    apiUrl: emulator.url,
    customerName: ACCOUNT.customer,
    userName: ACCOUNT.user,
    password: ACCOUNT.password,
    stack: "out-of-band",
    sessionKey: "",
    engine: { requestsPerMinute: 0 },
  });
  return {
    emulator,
    host,
    oob,
    async close() {
      await host.close();
      await oob.close();
      await emulator.close();
    },
  };
}

/** Creates and publishes a zone out of band. */
export async function oobZone(oob: sdk.DynectSession, zone: string, ttl = 3600): Promise<void> {
  await sdk.createZone(oob, zone, { rname: `hostmaster@${zone}`, ttl });
  await sdk.publishZone(oob, zone);
}
