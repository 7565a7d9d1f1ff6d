#!/usr/bin/env node
/**
 * dyn-emulator — serve the DynECT emulator in the foreground until SIGINT/SIGTERM.
 *   dyn-emulator --port <p> --accounts-file <file | -> [--host 127.0.0.1 [--unsafe-listen]]
 *                [--idle-timeout <ms>] [--rate-limit <n>] [--state-file <f>]
 * Accounts: one `<customer>:<user>:<password>` per line of the file (`-` = stdin; blank lines and
 * `#` comments ignored). `--account <customer>:<user>:<password>` still works, but a command line
 * is visible to every user of the machine (`ps`): prefer the file.
 * First stdout line: `listening on http://127.0.0.1:<port>`.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import type { Account } from "./options";

const USAGE =
  "usage: dyn-emulator [--port <p>] [--host <h> [--unsafe-listen]] --accounts-file <file | -> [--account <customer>:<user>:<password> …] " +
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
function account(spec: string, where: string): Account {
  const first = spec.indexOf(":");
  const second = first < 0 ? -1 : spec.indexOf(":", first + 1);
  if (first <= 0 || second <= first + 1) fail(`${where} must look like <customer>:<user>:<password>`);
  return { customer: spec.slice(0, first), user: spec.slice(first + 1, second), password: spec.slice(second + 1) };
}

/** The accounts of a file (or stdin for "-"): one per line, blank lines and `#` comments ignored. */
function accountsFile(path: string): Account[] {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    fail(`--accounts-file ${path === "-" ? "(stdin)" : path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out: Account[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (l === "" || l.startsWith("#")) return;
    out.push(account(l, `--accounts-file line ${i + 1}`)); // the line number, never the line: it holds a password
  });
  return out;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "unsafe-listen": { type: "boolean" },
        account: { type: "string", multiple: true },
        "accounts-file": { type: "string" },
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
  const accounts = [...(values["accounts-file"] !== undefined ? accountsFile(values["accounts-file"]) : []), ...(values.account ?? []).map((a) => account(a, "--account"))];
  if (values.account?.length) console.error("dyn-emulator: warning: --account puts a password on the command line, visible to every user of this machine; prefer --accounts-file");
  if (accounts.length === 0) console.error("dyn-emulator: warning: no account given (--accounts-file); nobody can log in");
  let emu;
  try {
    emu = await startEmulator({
      port: int("port", values.port) ?? 0,
      host: values.host,
      unsafeListen: values["unsafe-listen"] === true,
      accounts,
      idleTimeoutMs: int("idle-timeout", values["idle-timeout"]),
      rateLimitPerMinute: int("rate-limit", values["rate-limit"]),
      rateLimitLockoutMs: int("rate-limit-lockout", values["rate-limit-lockout"]),
      stateFile: values["state-file"],
      serverVersion: values["server-version"],
    });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("refusing to listen")) fail(e.message.replace("Pass unsafeListen: true (CLI: --unsafe-listen)", "Pass --unsafe-listen"));
    throw e;
  }
  console.log(`listening on ${emu.url}`);
  const running = emu;
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`dyn-emulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
