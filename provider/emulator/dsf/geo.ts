/**
 * Ruleset criteria (dynect-api.md §7.4, §7.5): `criteria.geoip.{region,country,province}` arrive
 * missing, null, scalar or as arrays of strings/integers and are stored and returned as string
 * arrays with all three keys present, for both criteria types. Codes are checked against Dyn's
 * predefined regions (11–17), ISO 3166-1 alpha-2 countries and the US/Canadian subdivisions
 * (ISO 3166-2, what Dyn's province criteria covered).
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import type { Criteria } from "./model";

/** Dyn's continent codes (§7.5; octodns-dyn REGION_CODES): 11 NA, 12 SA, 13 EU, 14 AF, 15 AS, 16 OC, 17 AN. */
export const REGION_CODES: readonly string[] = ["11", "12", "13", "14", "15", "16", "17"];

const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
    "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/** US states, DC and territories, and Canadian provinces/territories (ISO 3166-2 suffixes). */
const PROVINCE_CODES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR " +
    "PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR UM VI " +
    "AB BC MB NB NL NS NT NU ON PE QC SK YT"
  ).split(" "),
);

type Kind = keyof Criteria;

const CHECKS: Record<Kind, { ok: (code: string) => boolean; normalize: (code: string) => string; expected: string }> = {
  region: { ok: (c) => REGION_CODES.includes(c), normalize: (c) => c, expected: "a Dyn region code 11-17" },
  // ISO codes are upper case; stored upper-cased
  country: { ok: (c) => COUNTRY_CODES.has(c.toUpperCase()), normalize: (c) => c.toUpperCase(), expected: "an ISO 3166-1 alpha-2 country code" },
  // stored as sent: the live API returned lower- and upper-case province codes (§7.5)
  province: { ok: (c) => PROVINCE_CODES.has(c.toUpperCase()), normalize: (c) => c, expected: "a US state or Canadian province code" },
};

function readCodes(kind: Kind, raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item) => {
    const code = typeof item === "number" && Number.isInteger(item) ? String(item) : typeof item === "string" ? item.trim() : undefined;
    if (code === undefined || !CHECKS[kind].ok(code)) {
      throw fail(400, "INVALID_DATA", TEXT.dsfBadCode(kind, JSON.stringify(item), CHECKS[kind].expected));
    }
    return CHECKS[kind].normalize(code);
  });
}

/** `criteria` of a ruleset request: null/absent → all lists empty; otherwise `{geoip: {...}}` normalised (§7.4). */
export function readCriteria(raw: unknown): Criteria {
  if (raw === undefined || raw === null || raw === "") return { region: [], country: [], province: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) throw fail(400, "INVALID_DATA", TEXT.badArg("criteria", 'must be an object like {"geoip": {"country": ["US"]}}'));
  const geoip = (raw as Record<string, unknown>).geoip;
  if (geoip !== undefined && geoip !== null && (typeof geoip !== "object" || Array.isArray(geoip))) {
    throw fail(400, "INVALID_DATA", TEXT.badArg("criteria.geoip", "must be an object with region, country and province lists"));
  }
  const g = (geoip ?? {}) as Record<string, unknown>;
  return { region: readCodes("region", g.region), country: readCodes("country", g.country), province: readCodes("province", g.province) };
}
