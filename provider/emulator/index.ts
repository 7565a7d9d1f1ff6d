/**
 * A local DynECT Managed DNS API emulator (dynect-api.md) — the embedded default for demos and
 * the ground truth of the tests. `startEmulator()` serves it on 127.0.0.1; see README.md for the
 * behaviour chosen where the spec is unconfirmed.
 */
import type { AddressInfo } from "node:net";
import { Emulator } from "./emulator";
import type { EmulatorOptions, RunningEmulator } from "./options";
import { EmulatorServer, isLoopbackName } from "./server";

export type { Account, ArrivingRequest, DsfServiceState, DsfState, EmulatorControl, EmulatorOptions, MonitoringOptions, RunningEmulator } from "./options";
export type { BlockZoneOptions, FailMode, FailRule, FaultOptions, SlowOptions } from "./faults";
export type { MetricsSnapshot } from "./metrics";
export type { Envelope, Msg } from "./envelope";
export { Emulator } from "./emulator";
export { parseZoneFile } from "./zonefile-parser";

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  // Anyone who reaches the emulator can log in with its accounts and flip its switches.
  if (!isLoopbackName(host) && options.unsafeListen !== true) {
    throw new Error(`refusing to listen on ${host}: the emulator is for this machine only (loopback). Pass unsafeListen: true (CLI: --unsafe-listen) to serve other hosts anyway`);
  }
  const emu = new Emulator(options);
  const server = new EmulatorServer(emu);
  await new Promise<void>((resolve, reject) => {
    server.http.once("error", reject);
    server.http.listen(options.port ?? 0, host, () => {
      server.http.off("error", reject);
      resolve();
    });
  });
  const port = (server.http.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    control: emu.control,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.stopTimers();
        emu.store.saveNow();
        server.http.close(() => resolve());
        server.http.closeAllConnections();
      })),
  };
}
