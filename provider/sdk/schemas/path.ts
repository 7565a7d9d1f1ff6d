/**
 * A DNS name as one URL path segment: trimmed, lower case, no trailing dot (§1: the dot is
 * tolerated, never needed); `*` wildcards kept readable. `what` names the value in the error.
 */
export function pathSegment(name: string, what: string): string {
  const n = name.trim().replace(/\.$/, "").toLowerCase();
  if (n.length === 0 || n.includes("/")) throw new TypeError(`invalid ${what} "${name}"`);
  return encodeURIComponent(n).replace(/%2A/gi, "*");
}
