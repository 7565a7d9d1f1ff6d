/**
 * `pulumi-dyn generate`: a Pulumi program from live DNS — the zones, their records, the Traffic
 * Director services at their nodes and the monitors those use — the way to take them over, since
 * `pulumi import` cannot work for dynamic-provider resources (pulumi/pulumi#16175).
 *
 * Credentials as the provider takes them (config.ts): `--stack <name>` reads that stack's config
 * through the Pulumi CLI (`pulumi config --show-secrets --json`), else the DYN_* environment; flags
 * `--customer`, `--user`, `--api-url` override. The password is never a flag (it would show in the
 * process list and shell history): stack config, DYN_PASSWORD or `--password-stdin`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, readConfig } from "../config";
import { DynectSession, isDynError } from "../sdk";
import { generateProgram, type Style } from "./codegen";
import { readZone, zoneNames, type LiveZone } from "./live-dns";
import { readTrafficDirectors, servedIn, type LiveTrafficDirector } from "./live-traffic-director";

export const GENERATE_USAGE = `usage: pulumi-dyn generate (--zone <name> [--zone …] | --all) [options]

  --zone <name>        a zone to read (repeatable)
  --all                every zone of the account
  --style <s>          zone-records (default: one ZoneRecords per zone) or records (Record/RecordSet)
  --no-traffic-director
                       leave out the Traffic Director services at the zones' nodes and their monitors
  --out <file>         write the program there (default: standard output)
  --stack <name>       take the credentials from this stack's config (run in the project directory)
  --cwd <dir>          the Pulumi project directory for --stack (default: the current one)
  --customer <name>    DynECT customer (else dyn:customerName / DYN_CUSTOMER_NAME)
  --user <name>        DynECT user (else dyn:username / DYN_USERNAME)
  --api-url <url>      API URL (else dyn:apiUrl / DYN_API_URL / https://api.dynect.net)
  --password-stdin     read the password from standard input (else dyn:password / DYN_PASSWORD)`;

export class UsageError extends Error {}

interface Options {
  zones: string[];
  all: boolean;
  style: Style;
  trafficDirector: boolean;
  out?: string;
  stack?: string;
  cwd?: string;
  customer?: string;
  user?: string;
  apiUrl?: string;
  passwordStdin: boolean;
}

function parse(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      zone: { type: "string", multiple: true },
      all: { type: "boolean" },
      style: { type: "string" },
      "no-traffic-director": { type: "boolean" },
      out: { type: "string" },
      stack: { type: "string" },
      cwd: { type: "string" },
      customer: { type: "string" },
      user: { type: "string" },
      "api-url": { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    strict: true,
  });
  const style = (values.style ?? "zone-records") as Style;
  if (style !== "zone-records" && style !== "records") throw new UsageError(`--style must be zone-records or records (got "${values.style}")`);
  const zones = values.zone ?? [];
  if (zones.length === 0 && !values.all) throw new UsageError("name the zones to read with --zone <name>, or use --all");
  if (zones.length > 0 && values.all) throw new UsageError("use --zone or --all, not both");
  return {
    zones,
    all: values.all === true,
    style,
    trafficDirector: values["no-traffic-director"] !== true,
    out: values.out,
    stack: values.stack,
    cwd: values.cwd,
    customer: values.customer,
    user: values.user,
    apiUrl: values["api-url"],
    passwordStdin: values["password-stdin"] === true,
  };
}

/** A stack's config through the Pulumi CLI: `{ "dyn:username": "…" }`, secrets decrypted. */
function stackConfig(stack: string, cwd: string | undefined): Record<string, string> {
  let text: string;
  try {
    text = execFileSync("pulumi", ["config", "--show-secrets", "--json", "--stack", stack], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new ConfigError(`could not read the config of stack "${stack}" with the Pulumi CLI${stderr ? `: ${stderr}` : ""} — run in the project directory (or pass --cwd), or give the credentials through DYN_* variables`);
  }
  const parsed = JSON.parse(text) as Record<string, { value?: unknown }>;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(parsed)) if (typeof entry?.value === "string") out[key] = entry.value;
  return out;
}

function sessionFor(o: Options, env: NodeJS.ProcessEnv): DynectSession {
  const fromStack = o.stack ? stackConfig(o.stack, o.cwd) : {};
  const flags: Record<string, string | undefined> = { "dyn:customerName": o.customer, "dyn:username": o.user, "dyn:apiUrl": o.apiUrl };
  if (o.passwordStdin) flags["dyn:password"] = readFileSync(0, "utf8").replace(/\r?\n$/, "");
  const config = readConfig({ get: (key) => flags[key] ?? fromStack[key] }, env);
  return DynectSession.getOrCreate({
    apiUrl: config.apiUrl,
    customerName: config.customerName,
    userName: config.username,
    password: config.password,
    stack: o.stack ?? "pulumi-dyn-generate",
    sessionKey: "",
    engine: config.requestsPerMinute === undefined ? undefined : { requestsPerMinute: config.requestsPerMinute },
  });
}

/** Runs the command; returns the process exit code. Messages go to stderr, the program to --out or stdout. */
export async function generate(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let o: Options;
  try {
    o = parse(argv);
  } catch (e) {
    console.error(`pulumi-dyn generate: ${(e as Error).message}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  try {
    const session = sessionFor(o, env);
    const names = await zoneNames(session, o.zones, o.all);
    if (names.length === 0) throw new Error(`the account (customer "${session.customerName}") has no zones`);
    // Services first: the record sets they answer with are theirs, not the zone's (live-dns.ts).
    const td: LiveTrafficDirector = o.trafficDirector ? await readTrafficDirectors(session, names) : { services: [], monitors: [] };
    const zones: LiveZone[] = [];
    for (const name of names) {
      try {
        zones.push(await readZone(session, name, servedIn(td.services, name)));
      } catch (e) {
        if (isDynError(e, "NOT_FOUND")) throw new Error(`zone ${name} does not exist in the account (customer "${session.customerName}") — check the name, or list the zones with --all`);
        throw e;
      }
    }
    const program = generateProgram(zones, td, o.style, `live DNS (customer "${session.customerName}", ${names.length} zone(s))`);
    if (o.out) writeFileSync(o.out, program);
    else process.stdout.write(program);
    const sets = zones.reduce((n, z) => n + z.sets.length, 0);
    const tds = o.trafficDirector ? `, ${td.services.length} Traffic Director service(s), ${td.monitors.length} monitor(s)` : "";
    console.error(`pulumi-dyn generate: ${zones.length} zone(s), ${sets} record set(s)${tds}${o.out ? ` written to ${o.out}` : ""}; review, then \`pulumi up\` adopts them without changing anything`);
    return 0;
  } catch (e) {
    const message = isDynError(e, "LOGIN_FAILED") ? `${e.message} — check dyn:customerName, dyn:username and dyn:password (or DYN_*)` : (e as Error).message;
    console.error(`pulumi-dyn generate: ${message}`);
    return 1;
  } finally {
    await DynectSession.closeAll();
  }
}
