/**
 * TXT/SPF text (user-asks #28/#29): what users write and see is the text itself; DynECT needs a
 * string longer than one DNS character-string (255 bytes) as quoted chunks `"…" "…"` ("txtdata:
 * Too long" otherwise, octodns/octodns#127) and returns it in that form.
 */
import type { RecordType } from "./rdata";

const TXT_CHUNK_BYTES = 255;

/** Splits `"a" "b c"` (the zone-file form DynECT uses for long TXT) into its strings, else `undefined`. */
function parseQuotedChunks(value: string): string[] | undefined {
  const chunks: string[] = [];
  let i = 0;
  const s = value.trim();
  while (i < s.length) {
    if (s[i] !== '"') return undefined;
    let chunk = "";
    i++;
    for (;;) {
      if (i >= s.length) return undefined;
      const c = s[i];
      if (c === "\\" && i + 1 < s.length) {
        chunk += s[i + 1];
        i += 2;
      } else if (c === '"') {
        i++;
        break;
      } else {
        chunk += c;
        i++;
      }
    }
    chunks.push(chunk);
    if (i < s.length && !/\s/.test(s[i])) return undefined;
    while (i < s.length && /\s/.test(s[i])) i++;
  }
  return chunks.length > 0 ? chunks : undefined;
}

/** Splits text into pieces of at most 255 UTF-8 bytes without cutting a character in two. */
function splitBytes(text: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > TXT_CHUNK_BYTES) {
      pieces.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

/**
 * Canonical TXT/SPF `txtdata` — the text as the user means it, shown in diffs and outputs: text in
 * DynECT's quoted-chunk form `"…" "…"` (what it returns for long TXT, and what users may copy from a
 * zone file) is read as zone-file strings and joined; any other text is kept as written. Chunking
 * happens only on the wire (`txtWireForm`), so the same text in any chunking compares equal
 * (user-asks #28/#29).
 */
export function txtText(raw: string): string {
  const chunks = parseQuotedChunks(raw);
  return chunks ? chunks.join("") : raw;
}

/**
 * TXT/SPF `txtdata` as DynECT needs it: kept as a plain string when it fits one DNS string
 * (≤ 255 bytes), otherwise quoted 255-byte chunks `"…" "…"` ("txtdata: Too long" otherwise, §6.3,
 * octodns/octodns#127). Accepts text in either form.
 */
export function txtWireForm(raw: string): string {
  const text = txtText(raw);
  if (Buffer.byteLength(text) <= TXT_CHUNK_BYTES) return text;
  return splitBytes(text)
    .map((piece) => `"${piece.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .join(" ");
}

/** The bytes TXT/SPF text takes in one record as the 255-byte character-strings `txtWireForm` writes. */
export function txtRdataBytes(raw: string): number {
  return splitBytes(txtText(raw)).reduce((n, piece) => n + Buffer.byteLength(piece) + 1, 0);
}

/** rdata as sent to DynECT: long TXT/SPF text chunked (`txtWireForm`); other types unchanged. */
export function wireRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  if ((type !== "TXT" && type !== "SPF") || typeof rdata.txtdata !== "string") return rdata;
  return { ...rdata, txtdata: txtWireForm(rdata.txtdata) };
}
