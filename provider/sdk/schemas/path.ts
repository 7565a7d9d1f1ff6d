/**
 * A DNS name as one URL path segment: trimmed, lower case, no trailing dot (§1: the dot is
 * tolerated, never needed); `*` wildcards kept readable. `what` names the value in the error.
 *
 * Anything that could make the path mean another path is refused before a request is built: a
 * `/` or `\`, an empty label (`..`, a leading dot — so no `.` or `..` segment can reach a server or
 * proxy that normalises paths), `%` (a pre-encoded segment decoded twice somewhere), whitespace and
 * control characters.
 */
import { InvalidDataError } from "../errors";

export function pathSegment(name: string, what: string): string {
  const n = typeof name === "string" ? name.trim().replace(/\.$/, "").toLowerCase() : "";
  const problem =
    n.length === 0
      ? "it is empty"
      : /[/\\%]/.test(n)
        ? "it contains '/', '\\' or '%'"
        : /\s/.test(n) || [...n].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
          ? "it contains whitespace or control characters"
          : n.split(".").some((label) => label.length === 0)
            ? "it has an empty label ('..' or a leading '.')"
            : undefined;
  if (problem) throw new InvalidDataError(`Invalid ${what} ${JSON.stringify(name)}: ${problem} — expected a DNS name such as example.com`, { field: what });
  return encodeURIComponent(n).replace(/%2A/gi, "*");
}
