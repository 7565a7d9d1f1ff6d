/**
 * The DNS length rule for TXT/SPF `txtdata` (RFC 1035 §3.3: a <character-string> is at most 255
 * octets). DynECT refuses one unquoted string longer than that with `txtdata: Too long`
 * (octodns/octodns#127); long text must be sent as quoted chunks `"…" "…"`, each within the limit.
 * Shared by the record routes and the Traffic Director records.
 */
export const TXT_STRING_MAX_OCTETS = 255;

/**
 * Octet lengths of the strings of quoted-chunk text (`"a" "b c"`, backslash escapes `\"`, `\\`
 * and `\DDD` counting one octet), or undefined when the text is not entirely in that form.
 */
function quotedChunkOctets(text: string): number[] | undefined {
  const s = text.trim();
  const lengths: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '"') return undefined;
    i++;
    let octets = 0;
    for (;;) {
      if (i >= s.length) return undefined;
      const c = s[i];
      if (c === '"') {
        i++;
        break;
      }
      if (c === "\\" && /^\d{3}/.test(s.slice(i + 1, i + 4))) {
        octets += 1;
        i += 4;
      } else if (c === "\\" && i + 1 < s.length) {
        octets += Buffer.byteLength(s[i + 1]);
        i += 2;
      } else {
        const cp = s.codePointAt(i) as number;
        const ch = String.fromCodePoint(cp);
        octets += Buffer.byteLength(ch);
        i += ch.length;
      }
    }
    lengths.push(octets);
    if (i < s.length && !/\s/.test(s[i])) return undefined;
    while (i < s.length && /\s/.test(s[i])) i++;
  }
  return lengths.length > 0 ? lengths : undefined;
}

/** RDLENGTH is 16 bits (RFC 1035 §3.2.1): every string of one record, each with its length octet. */
export const TXT_RDATA_MAX_OCTETS = 65535;

/**
 * True when `txtdata` holds a string the DNS cannot carry — unquoted and over 255 octets, or a
 * quoted chunk over it — or more strings than one record's data can hold.
 */
export function txtTooLong(txtdata: string): boolean {
  const chunks = quotedChunkOctets(txtdata) ?? [Buffer.byteLength(txtdata)];
  return chunks.some((n) => n > TXT_STRING_MAX_OCTETS) || chunks.reduce((sum, n) => sum + n + 1, 0) > TXT_RDATA_MAX_OCTETS;
}
