/** API URL rules shared by the SDK and the provider configuration (no dependencies). */

/**
 * Why `apiUrl` must not carry credentials, or undefined when it may: the password and the token
 * travel in every request, so anything but https is refused — except plain http to a loopback
 * host (the local emulator).
 */
export function insecureApiUrl(apiUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(apiUrl);
  } catch {
    return "must be an https:// URL such as https://api.dynect.net";
  }
  if (u.protocol === "https:") return undefined;
  if (u.protocol === "http:" && isLoopback(u.hostname)) return undefined;
  if (u.protocol === "http:") return "must use https:// — plain http:// is only allowed for a loopback host such as 127.0.0.1 (the local emulator)";
  return "must be an https:// URL such as https://api.dynect.net";
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}
