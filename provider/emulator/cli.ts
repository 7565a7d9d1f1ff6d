#!/usr/bin/env node
/**
 * dyn-emulator — serve the DynECT emulator in the foreground until SIGINT/SIGTERM.
 *   dyn-emulator --port <p> --account <customer>:<user>:<password> [--account …]
 *                [--host 127.0.0.1] [--idle-timeout <ms>] [--rate-limit <n>] [--state-file <f>]
 * First stdout line: `listening on http://127.0.0.1:<port>`.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import type { Account } from "./options";

const USAGE =
  "usage: dyn-emulator [--port <p>] [--host <h>] --account <customer>:<user>:<password> [--account …] " +
  "[--idle-timeout <ms>] [--rate-limit <n>] [--rate-limit-lockout <ms>] [--state-file <file>] [--server-version <v>]";

function fail(message: string): never {
  console.error(`dyn-emulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) fail(`--${name} must be a non-negative integer`);
  return Number(v);
}

/** `customer:user:password`; the password may itself contain colons. */
function account(spec: string): Account {
  const first = spec.indexOf(":");
  const second = first < 0 ? -1 : spec.indexOf(":", first + 1);
  if (first <= 0 || second <= first + 1) fail("--account must look like <customer>:<user>:<password>");
  return { customer: spec.slice(0, first), user: spec.slice(first + 1, second), password: spec.slice(second + 1) };
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        account: { type: "string", multiple: true },
        "idle-timeout": { type: "string" },
        "rate-limit": { type: "string" },
        "rate-limit-lockout": { type: "string" },
        "state-file": { type: "string" },
        "server-version": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const accounts = (values.account ?? []).map(account);
  if (accounts.length === 0) console.error("dyn-emulator: warning: no --account given; nobody can log in");
  const emu = await startEmulator({
    port: int("port", values.port) ?? 0,
    host: values.host,
    accounts,
    idleTimeoutMs: int("idle-timeout", values["idle-timeout"]),
    rateLimitPerMinute: int("rate-limit", values["rate-limit"]),
    rateLimitLockoutMs: int("rate-limit-lockout", values["rate-limit-lockout"]),
    stateFile: values["state-file"],
    serverVersion: values["server-version"],
  });
  console.log(`listening on ${emu.url}`);
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`dyn-emulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
