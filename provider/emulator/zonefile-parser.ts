/**
 * A parser for plain RFC 1035 master files (POST/PUT /REST/ZoneFile/, §5.5): $ORIGIN, $TTL,
 * `@`, relative names, owner inheritance, parentheses spanning lines, `;` comments, quoted
 * strings with escapes, TTL/class in either order (class IN optional), BIND TTL units (1h, 2d).
 * Produces rdata keyed by the §6.3 field names; validation happens in the route.
 */
import { isRecordType, type RecordType } from "./rdata-table";

export interface ParsedRecord {
  line: number;
  fqdn: string;
  type: RecordType;
  /** undefined: no TTL on the line and no $TTL before it */
  ttl?: number;
  rdata: Record<string, string | number>;
}

export class ZoneFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

interface Token {
  text: string;
  quoted: boolean;
}

interface LogicalLine {
  line: number;
  /** the line began with blank space: the owner is the previous one */
  inheritsOwner: boolean;
  tokens: Token[];
}

/** Splits the file into logical lines (parentheses joined), dropping comments. */
function lex(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  let depth = 0;
  let lineNo = 1;
  let i = 0;
  let atLineStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atLineStart && depth === 0) {
      current = { line: lineNo, inheritsOwner: ch === " " || ch === "\t", tokens: [] };
      out.push(current);
      atLineStart = false;
    }
    if (ch === "\n") {
      lineNo++;
      i++;
      if (depth === 0) atLineStart = true;
      continue;
    }
    if (ch === ";") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "(") {
      depth++;
      i++;
      continue;
    }
    if (ch === ")") {
      if (depth === 0) throw new ZoneFileError(lineNo, "unbalanced )");
      depth--;
      i++;
      continue;
    }
    if (ch === '"') {
      let s = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) {
          s += text[i + 1];
          i += 2;
        } else {
          if (text[i] === "\n") lineNo++;
          s += text[i++];
        }
      }
      if (i >= text.length) throw new ZoneFileError(lineNo, "unterminated quoted string");
      i++;
      current!.tokens.push({ text: s, quoted: true });
      continue;
    }
    let s = "";
    while (i < text.length && !" \t\r\n;()\"".includes(text[i])) {
      if (text[i] === "\\" && i + 1 < text.length) {
        s += text[i] + text[i + 1];
        i += 2;
      } else s += text[i++];
    }
    current!.tokens.push({ text: s, quoted: false });
  }
  if (depth !== 0) throw new ZoneFileError(lineNo, "unbalanced (");
  return out.filter((l) => l.tokens.length > 0);
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `3600`, `1h`, `1h30m` → seconds; undefined if not a TTL. */
export function parseTtlText(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^(\d+[smhdw])+$/i.test(s)) return undefined;
  let total = 0;
  for (const m of s.toLowerCase().matchAll(/(\d+)([smhdw])/g)) total += Number(m[1]) * UNITS[m[2]];
  return total;
}

function absolute(name: string, origin: string, line: number): string {
  if (name === "@") return origin;
  if (name.endsWith(".")) return name.slice(0, -1).toLowerCase();
  if (!origin) throw new ZoneFileError(line, `relative name ${name} without $ORIGIN`);
  return `${name}.${origin}`.toLowerCase();
}

/** Field names in master-file order for types whose order differs from a plain list. */
const FILE_ORDER: Partial<Record<RecordType, string[]>> = {
  A: ["address"],
  AAAA: ["address"],
  ALIAS: ["alias"],
  CAA: ["flags", "tag", "value"],
  CDNSKEY: ["flags", "protocol", "algorithm", "public_key"],
  CDS: ["keytag", "algorithm", "digtype", "digest"],
  CERT: ["format", "tag", "algorithm", "certificate"],
  CNAME: ["cname"],
  DHCID: ["digest"],
  DNAME: ["dname"],
  DNSKEY: ["flags", "protocol", "algorithm", "public_key"],
  DS: ["keytag", "algorithm", "digtype", "digest"],
  IPSECKEY: ["precedence", "gatetype", "algorithm", "gateway", "public_key"],
  KEY: ["flags", "protocol", "algorithm", "public_key"],
  KX: ["preference", "exchange"],
  MX: ["preference", "exchange"],
  NAPTR: ["order", "preference", "flags", "services", "regexp", "replacement"],
  NS: ["nsdname"],
  NSAP: ["nsap"],
  PTR: ["ptrdname"],
  PX: ["preference", "map822", "mapx400"],
  RP: ["mbox", "txtdname"],
  SOA: ["mname", "rname", "serial", "refresh", "retry", "expire", "minimum"],
  SRV: ["priority", "weight", "port", "target"],
  SSHFP: ["algorithm", "fptype", "fingerprint"],
  TLSA: ["cert_usage", "selector", "match_type", "certificate"],
};

/** Fields holding domain names, made absolute against $ORIGIN. */
const NAME_FIELDS = new Set(["alias", "cname", "dname", "exchange", "nsdname", "ptrdname", "target", "map822", "mapx400", "txtdname", "mname", "rname", "mbox"]);
/** The last field takes the rest of the line (keys and base64 with spaces). */
const REST_FIELDS = new Set(["public_key", "certificate", "digest", "fingerprint"]);

function locRdata(tokens: string[], line: number): Record<string, string | number> {
  const latEnd = tokens.findIndex((t) => /^[NS]$/i.test(t));
  const lonEnd = tokens.findIndex((t, i) => i > latEnd && /^[EW]$/i.test(t));
  if (latEnd < 1 || lonEnd < 0) throw new ZoneFileError(line, "LOC needs latitude ending in N/S and longitude ending in E/W");
  const meters = (t: string | undefined, dflt: number) => {
    if (t === undefined) return dflt;
    const n = Number(t.replace(/m$/i, ""));
    if (!Number.isFinite(n)) throw new ZoneFileError(line, `bad LOC number ${t}`);
    return Math.round(n);
  };
  const rest = tokens.slice(lonEnd + 1);
  return {
    version: 0,
    latitude: tokens.slice(0, latEnd + 1).join(" ").toUpperCase(),
    longitude: tokens.slice(latEnd + 1, lonEnd + 1).join(" ").toUpperCase(),
    altitude: meters(rest[0], 0),
    size: meters(rest[1], 1),
    horiz_pre: meters(rest[2], 10000),
    vert_pre: meters(rest[3], 10),
  };
}

function rdataOf(type: RecordType, tokens: Token[], origin: string, line: number): Record<string, string | number> {
  const words = tokens.map((t) => t.text);
  if (type === "TXT" || type === "SPF") {
    if (words.length === 0) throw new ZoneFileError(line, `${type} needs text`);
    return { txtdata: tokens.every((t) => t.quoted) ? words.join("") : words.join(" ") };
  }
  if (type === "LOC") return locRdata(words, line);
  if (type === "CSYNC") {
    const flagsNum = Number(words[1]);
    const flags = [flagsNum & 2 ? "soaminimum" : "", flagsNum & 1 ? "immediate" : ""].filter(Boolean).join(",");
    return { soa_serial: words[0] ?? "", flags, types: words.slice(2).join(",") };
  }
  const order = FILE_ORDER[type];
  if (!order) throw new ZoneFileError(line, `unsupported type ${type}`);
  const out: Record<string, string | number> = {};
  order.forEach((field, i) => {
    const isLast = i === order.length - 1;
    let value = isLast && REST_FIELDS.has(field) ? words.slice(i).join("") : words[i];
    if (value === undefined) throw new ZoneFileError(line, `${type} is missing ${field}`);
    if (NAME_FIELDS.has(field) && !(type === "RP" && field === "mbox" && value.includes("@"))) value = `${absolute(value, origin, line)}.`;
    out[field] = value;
  });
  if (words.length > order.length && !REST_FIELDS.has(order[order.length - 1])) throw new ZoneFileError(line, `${type} has too many fields`);
  return out;
}

/** Parses a master file for `zone`; $ORIGIN defaults to the zone. */
export function parseZoneFile(text: string, zone: string): ParsedRecord[] {
  let origin = zone.toLowerCase().replace(/\.$/, "");
  let defaultTtl: number | undefined;
  let lastOwner: string | undefined;
  let lastTtl: number | undefined;
  const out: ParsedRecord[] = [];
  for (const l of lex(text)) {
    const first = l.tokens[0].text;
    if (!l.tokens[0].quoted && first.startsWith("$")) {
      const arg = l.tokens[1]?.text;
      if (first.toUpperCase() === "$ORIGIN") {
        if (!arg) throw new ZoneFileError(l.line, "$ORIGIN needs a name");
        origin = absolute(arg.endsWith(".") ? arg : `${arg}.`, origin, l.line);
      } else if (first.toUpperCase() === "$TTL") {
        const ttl = arg === undefined ? undefined : parseTtlText(arg);
        if (ttl === undefined) throw new ZoneFileError(l.line, "$TTL needs a TTL");
        defaultTtl = ttl;
      } else throw new ZoneFileError(l.line, `unsupported directive ${first}`);
      continue;
    }
    const tokens = [...l.tokens];
    let owner: string;
    if (l.inheritsOwner) {
      if (lastOwner === undefined) throw new ZoneFileError(l.line, "no owner name and no previous owner");
      owner = lastOwner;
    } else owner = absolute(tokens.shift()!.text, origin, l.line);
    lastOwner = owner;
    let ttl: number | undefined;
    // [ttl] [class] or [class] [ttl], then the type
    for (let n = 0; n < 3 && tokens.length > 0; n++) {
      const t = tokens[0].text;
      const asTtl = parseTtlText(t);
      if (asTtl !== undefined && ttl === undefined) {
        ttl = asTtl;
        tokens.shift();
        continue;
      }
      if (/^(IN|CH|HS|CS)$/i.test(t)) {
        if (t.toUpperCase() !== "IN") throw new ZoneFileError(l.line, `class ${t} is not supported`);
        tokens.shift();
        continue;
      }
      break;
    }
    const typeText = tokens.shift()?.text.toUpperCase() ?? "";
    if (!isRecordType(typeText)) throw new ZoneFileError(l.line, `unsupported record type ${typeText || "(none)"}`);
    const type: RecordType = typeText;
    const effectiveTtl = ttl ?? defaultTtl ?? lastTtl;
    if (ttl !== undefined) lastTtl = ttl;
    out.push({ line: l.line, fqdn: owner, type, ttl: effectiveTtl, rdata: rdataOf(type, tokens, origin, l.line) });
  }
  return out;
}
