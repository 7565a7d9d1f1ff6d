/** One valid rdata per record type, quoted in check failures so each message shows the fix. */
import type { RdataInput, RecordType } from "../sdk/schemas/rdata";

/** Typed by what a program may write, so every example also compiles as a program's rdata. */
export const RDATA_EXAMPLES: { readonly [T in RecordType]: T extends "SOA" ? Record<string, unknown> : RdataInput<T> } = {
  A: { address: "192.0.2.10" },
  AAAA: { address: "2001:db8::10" },
  ALIAS: { alias: "lb.example.net" },
  CAA: { flags: 0, tag: "issue", value: "letsencrypt.org" },
  CDNSKEY: { algorithm: 13, flags: 257, protocol: 3, public_key: "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==" },
  CDS: { algorithm: 13, digest: "2bb183af5f22588179a53b0a98631fad1a292118", digtype: 1, keytag: 20326 },
  CERT: { format: 1, tag: 0, algorithm: 8, certificate: "MIIBszCCARygAwIBAgIJAOEXAMPLE0AMA0GCSqGSIb3DQEBBQUA" },
  CNAME: { cname: "www.example.com" },
  CSYNC: { soa_serial: 1, flags: "soaminimum", types: "A,AAAA,NS" },
  DHCID: { digest: "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=" },
  DNAME: { dname: "example.net" },
  DNSKEY: { algorithm: 13, flags: 257, protocol: 3, public_key: "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==" },
  DS: { algorithm: 13, digest: "2bb183af5f22588179a53b0a98631fad1a292118", digtype: 1, keytag: 20326 },
  IPSECKEY: { precedence: 10, gatetype: 1, algorithm: 2, gateway: "192.0.2.38", public_key: "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
  KEY: { algorithm: 5, flags: 256, protocol: 3, public_key: "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==" },
  KX: { preference: 10, exchange: "kx.example.com" },
  LOC: { latitude: "42 21 54.000 N", longitude: "71 6 18.000 W", altitude: 24, size: 30, horiz_pre: 10, vert_pre: 10, version: 0 },
  MX: { preference: 10, exchange: "mail.example.com" },
  NAPTR: { order: 100, preference: 10, flags: "U", services: "E2U+sip", regexp: "!^.*$!sip:info@example.com!", replacement: "_sip._udp.example.com" },
  NS: { nsdname: "ns1.example.net" },
  NSAP: { nsap: "0x47000580005a0000000001e133ffffff00016100" },
  PTR: { ptrdname: "host.example.com" },
  PX: { preference: 10, map822: "example.com", mapx400: "px400.example.com" },
  RP: { mbox: "hostmaster.example.com", txtdname: "info.example.com" },
  SOA: { rname: "hostmaster@example.com" },
  SPF: { txtdata: "v=spf1 include:_spf.example.com -all" },
  SRV: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" },
  SSHFP: { algorithm: 4, fptype: 2, fingerprint: "123456789abcdef67890123456789abcdef67890123456789abcdef123456789" },
  TLSA: { cert_usage: 3, selector: 1, match_type: 1, certificate: "0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6" },
  TXT: { txtdata: "v=spf1 -all" },
};

/** `{ preference: 10, exchange: "mail.example.com" }` — an example in program syntax. */
export function exampleText(type: RecordType): string {
  const parts = Object.entries(RDATA_EXAMPLES[type]).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `{ ${parts.join(", ")} }`;
}
