/**
 * Geo criteria of Traffic Director rulesets (dynect-api.md §7.4, §7.5): Dyn's continent codes
 * 11–17 with the readable names the resources use, ISO 3166-1 alpha-2 countries, and the US/Canadian
 * subdivisions Dyn's province criteria covered. The SDK's own table (the emulator keeps its own).
 */

/** Dyn's region codes (§7.5; octodns-dyn `REGION_CODES`) with a readable name and the usual abbreviation. */
export const DSF_REGIONS = [
  { code: "11", name: "north-america", abbreviation: "NA" },
  { code: "12", name: "south-america", abbreviation: "SA" },
  { code: "13", name: "europe", abbreviation: "EU" },
  { code: "14", name: "africa", abbreviation: "AF" },
  { code: "15", name: "asia", abbreviation: "AS" },
  { code: "16", name: "oceania", abbreviation: "OC" },
  { code: "17", name: "antarctica", abbreviation: "AN" },
] as const;

export type DsfRegionName = (typeof DSF_REGIONS)[number]["name"];
export type DsfRegionCode = (typeof DSF_REGIONS)[number]["code"];

/** A region given as its name (`"north-america"`, any case, `_`/space for `-`), abbreviation (`"NA"`) or code (`11`, `"11"`). */
function findRegion(value: unknown): (typeof DSF_REGIONS)[number] | undefined {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  const name = text.toLowerCase().replace(/[\s_]+/g, "-");
  return DSF_REGIONS.find((r) => r.code === text || r.name === name || r.abbreviation === text.toUpperCase());
}

/** Dyn's numeric code of a region name, abbreviation or code; undefined when it is none of them. */
export function regionCode(value: unknown): DsfRegionCode | undefined {
  return findRegion(value)?.code;
}

/** The readable name of a region name, abbreviation or code; undefined when it is none of them. */
export function regionName(value: unknown): DsfRegionName | undefined {
  return findRegion(value)?.name;
}

/** ISO 3166-1 alpha-2 country codes. */
export const DSF_COUNTRIES: readonly string[] = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
  "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");
const COUNTRIES = new Set(DSF_COUNTRIES);

/** US states, DC and territories, and Canadian provinces and territories (ISO 3166-2 suffixes). */
export const DSF_PROVINCES: readonly string[] = (
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR " +
  "PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR UM VI " +
  "AB BC MB NB NL NS NT NU ON PE QC SK YT"
).split(" ");
const PROVINCES = new Set(DSF_PROVINCES);

/** An ISO 3166-1 alpha-2 country code, upper-cased; undefined when it is not one. */
export function countryCode(value: unknown): string | undefined {
  const code = typeof value === "string" ? value.trim().toUpperCase() : "";
  return COUNTRIES.has(code) ? code : undefined;
}

/** A US state/territory or Canadian province code, upper-cased; undefined when it is not one. */
export function provinceCode(value: unknown): string | undefined {
  const code = typeof value === "string" ? value.trim().toUpperCase() : "";
  return PROVINCES.has(code) ? code : undefined;
}
