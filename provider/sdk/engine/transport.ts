/**
 * HTTP over undici: one keep-alive Pool per API origin, shared by every session of this thread.
 * Only raw exchanges here — no envelope logic. Network failures become TransportError with
 * `sent: false` when the request certainly never left (connect failed) and `"unknown"` otherwise.
 */
import { Pool } from "undici";
import { TransportError, type DynCall } from "../errors";

export interface HttpRequest {
  method: string;
  /** Path + query, starting with "/". */
  pathWithQuery: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TransportOptions {
  connectTimeoutMs: number;
  socketKeepAliveMs: number;
}

/** Errors that prove the request was not transmitted. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
]);

export class Transport {
  readonly origin: string;
  readonly basePath: string;
  #pool: Pool;

  constructor(apiUrl: string, opts: TransportOptions) {
    const url = new URL(apiUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.#pool = new Pool(this.origin, {
      connections: 16,
      pipelining: 1,
      connectTimeout: opts.connectTimeoutMs,
      keepAliveTimeout: opts.socketKeepAliveMs,
    });
  }

  async send(req: HttpRequest, call: DynCall): Promise<HttpResponse> {
    try {
      const res = await this.#pool.request({
        method: req.method as "GET",
        path: this.basePath + req.pathWithQuery,
        headers: req.headers,
        body: req.body,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        signal: req.signal,
      });
      const body = await res.body.text();
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      const code = errorCode(err);
      const sent = code !== undefined && NOT_SENT_CODES.has(code) ? false : "unknown";
      const reason = code ? `${code}${err instanceof Error && err.message ? ` ${err.message}` : ""}` : String(err);
      throw new TransportError(`Network failure (${call.method} ${call.path}): ${reason}`, {
        call,
        sent,
        retryable: true,
        cause: err,
      });
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === "string") return c;
    e = (e as { cause?: unknown }).cause;
  }
  if (err instanceof Error && err.name === "AbortError") return "ABORTED";
  return undefined;
}

const transports = new Map<string, Transport>();

/** The shared Transport for an API URL (per thread; module state is per worker). */
export function getTransport(apiUrl: string, opts: TransportOptions): Transport {
  const key = normalizeApiUrl(apiUrl);
  let t = transports.get(key);
  if (!t) {
    t = new Transport(key, opts);
    transports.set(key, t);
  }
  return t;
}

/** Closes every pooled connection of this thread (tests, shutdown). */
export async function closeTransports(): Promise<void> {
  const all = [...transports.values()];
  transports.clear();
  await Promise.allSettled(all.map((t) => t.close()));
}

export function normalizeApiUrl(apiUrl: string): string {
  const u = new URL(apiUrl);
  return (u.origin + u.pathname).replace(/\/+$/, "");
}
