/**
 * Provider configuration from the stack config handed to `configure()` (namespaced keys
 * `dyn:customerName`, …), with environment fallback; stack config wins. Validated with zod.
 */
import { z } from "zod";
import { insecureApiUrl } from "./sdk/engine/api-url";

export const DEFAULT_API_URL = "https://api.dynect.net";
/**
 * Sessions per account the zone batcher may use in parallel (a zone is pinned to one session from
 * a batch's first change until its publish; §3.3 allows one job per session). A session is only
 * opened (one login) when a batch starts while every open one is busy with another zone, so a
 * deployment touching one zone logs in once. Default 8, the engine's default parallelism on a
 * 2-CPU machine: changes to that many zones progress side by side (one zone's changes cannot: they
 * belong to one token until published); DynECT's per-customer rate limit is shared by all sessions
 * (the client-side budget paces them together). `dyn:maxSessions: 1` serialises everything on one
 * login.
 */
export const DEFAULT_MAX_SESSIONS = 8;

export interface ProviderConfig {
  customerName: string;
  username: string;
  password: string;
  apiUrl: string;
  sessionKey?: string;
  maxSessions: number;
  /** Client-side request budget per minute for the account (SDK default 300; 0 = off). */
  requestsPerMinute?: number;
}

/** Every stack config key the provider reads, without the `dyn:` namespace. */
export const CONFIG_KEYS = ["customerName", "username", "password", "apiUrl", "sessionKey", "maxSessions", "requestsPerMinute"] as const;

/** What `configure()` receives: `get` returns the plaintext string of a stack config key. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

const CREDENTIALS = [
  { key: "customerName", env: "DYN_CUSTOMER_NAME", command: "pulumi config set dyn:customerName <customer>" },
  { key: "username", env: "DYN_USERNAME", command: "pulumi config set dyn:username <user>" },
  // No value on the command line (shell history, process list): the command prompts for it.
  { key: "password", env: "DYN_PASSWORD", command: "pulumi config set --secret dyn:password" },
] as const;

const schema = z.object({
  customerName: z.string().trim().min(1),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  apiUrl: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), { message: "must be an https:// URL such as https://api.dynect.net" })
    // The password and the token travel in every request: https only, except to a loopback host.
    .superRefine((v, ctx) => {
      const insecure = /^https?:\/\/[^\s/]+/.test(v) ? insecureApiUrl(v) : undefined;
      if (insecure) ctx.addIssue({ code: "custom", message: insecure });
    })
    .transform((v) => v.replace(/\/+$/, "")),
  sessionKey: z.string().min(1).optional(),
  maxSessions: z.coerce.number().int().min(1).max(16),
  requestsPerMinute: z.coerce.number().int().min(0).optional(),
});

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * The settings that need no credentials, checked on their own — by `check`, so that a preview
 * (which never logs in) already refuses them: today the API URL (https, or http to a loopback host).
 */
export function checkEndpointConfig(source: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const apiUrl = nonEmpty(source?.get("dyn:apiUrl")) ?? nonEmpty(env.DYN_API_URL);
  if (apiUrl === undefined) return;
  const parsed = schema.shape.apiUrl.safeParse(apiUrl);
  if (!parsed.success) throw new ConfigError(`Invalid Dyn provider configuration: ${parsed.error.issues.map((i) => `dyn:apiUrl ${i.message}`).join("; ")}`);
}

/**
 * Reads and validates the configuration synchronously. Throws a ConfigError that lists only the
 * missing credentials and the commands that set them; never echoes a secret.
 */
export function readConfig(source: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const get = (key: string) => nonEmpty(source?.get(`dyn:${key}`));
  const missing = CREDENTIALS.filter((c) => get(c.key) === undefined && nonEmpty(env[c.env]) === undefined);
  if (missing.length > 0) {
    const commands = missing.map((c) => `\`${c.command}\``);
    const list = commands.length === 1 ? commands[0] : `${commands.slice(0, -1).join(", ")} and ${commands[commands.length - 1]}`;
    const prompt = missing.some((c) => c.key === "password") ? " (it prompts for the password and stores it encrypted)" : "";
    throw new ConfigError(
      `Dyn credentials are missing: run ${list}${prompt}, or set ${missing.map((c) => c.env).join(", ")} in the environment of the pulumi command`,
    );
  }
  const raw = {
    customerName: get("customerName") ?? env.DYN_CUSTOMER_NAME,
    username: get("username") ?? env.DYN_USERNAME,
    password: get("password") ?? env.DYN_PASSWORD,
    apiUrl: get("apiUrl") ?? nonEmpty(env.DYN_API_URL) ?? DEFAULT_API_URL,
    sessionKey: get("sessionKey") ?? nonEmpty(env.DYN_SESSION_KEY),
    maxSessions: get("maxSessions") ?? nonEmpty(env.DYN_MAX_SESSIONS) ?? DEFAULT_MAX_SESSIONS,
    requestsPerMinute: get("requestsPerMinute") ?? nonEmpty(env.DYN_REQUESTS_PER_MINUTE),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // Issue paths name the setting; messages come from the schema, never from the values.
    const problems = parsed.error.issues.map((i) => `dyn:${i.path.join(".")} ${i.message}`);
    throw new ConfigError(`Invalid Dyn provider configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}
