/**
 * Which existing Traffic Director object (a service, a monitor) `adopt` names: the one with that id,
 * else the one with that label — `adopt: true` meaning the declared label. DynECT does not keep
 * labels unique, so several objects with the label are refused (adopt one by its id); an id or
 * label that names nothing is refused too, while `true` with no such label means "create it".
 */
export function pickAdopted<T>(all: T[], idOf: (x: T) => string, labelOf: (x: T) => string, adopt: true | string, declaredLabel: string, noun: "service" | "monitor"): T | undefined {
  const wanted = adopt === true ? declaredLabel : adopt;
  const byId = all.find((x) => idOf(x) === wanted);
  if (byId) return byId;
  const byLabel = all.filter((x) => labelOf(x) === wanted);
  if (byLabel.length > 1) {
    throw new Error(`${byLabel.length} Traffic Director ${noun}s are labelled ${JSON.stringify(wanted)} (${byLabel.map(idOf).join(", ")}) — adopt one by its id: adopt: "<${noun} id>"`);
  }
  if (byLabel.length === 0 && adopt !== true) {
    throw new Error(`no Traffic Director ${noun} has the id or label ${JSON.stringify(wanted)} — check the value of adopt, or set adopt: true to adopt by the declared label (or create the ${noun} when there is none)`);
  }
  return byLabel[0];
}
