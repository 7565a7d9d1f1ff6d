/**
 * TrafficDirector CRUD (dynect-api.md §7). A service publishes on its own (§7.3), so it does not
 * go through the zone batcher; its calls run on an account session of the deployment (one job
 * per session: the SDK queue).
 *   create: one `POST /REST/DSF/` with the whole tree, published (a pool shared by rules adds one
 *           ruleset PUT per later rule, then a publish); adopt binds to an existing service instead.
 *   update: the smallest set of object-level changes, staged (`publish: "N"`), then one publish;
 *           on any failure `revert` (nothing half-applied) and the cause is reported.
 *   read:   one GET, mapped back into the input model (traffic-director-model.ts).
 *   delete: one DELETE (immediate).
 * Pulumi id: the service id.
 */
import * as sdk from "../sdk";
import type { DsfService, DynectSession } from "../sdk";
import { getContext } from "../deployment/context";
import { initFailed, isNotFound, withContext } from "./errors";
import { pickAdopted } from "./traffic-director-adopt";
import { wholeServiceInput } from "./traffic-director-body";
import { liveModel, type TdObjects, type TrafficDirectorInputs, type TrafficDirectorOutputs } from "./traffic-director-model";
import { planContext, planUpdate, type TdPlan } from "./traffic-director-plan";

type Props = Record<string, unknown>;

const INPUT_KEYS = ["label", "ttl", "nodes", "pools", "rules", "notifiers", "adopt"] as const;

function inputsOf(p: Props): TrafficDirectorInputs {
  const out: Props = {};
  for (const k of INPUT_KEYS) if (p[k] !== undefined) out[k] = p[k];
  return out as unknown as TrafficDirectorInputs;
}

function objectsOf(p: Props): TdObjects {
  const o = (p.objects ?? {}) as Partial<TdObjects>;
  return { rules: o.rules ?? [], pools: o.pools ?? {}, notifierLinks: o.notifierLinks ?? {} };
}

function session(): DynectSession {
  return getContext().accountSession();
}

const DESCRIBE = (td: { label?: unknown }, id?: string) => `Traffic Director service ${JSON.stringify(td.label)}${id ? ` (${id})` : ""}`;

/** The declared model with the objects of the service DynECT now holds. */
function outputs(td: TrafficDirectorInputs, svc: DsfService): TrafficDirectorOutputs {
  return { ...td, serviceId: svc.service_id, objects: liveModel(svc, { inputs: td }).objects };
}

/** How many times a plan is run again because the session's token was replaced while it staged. */
const MAX_RUNS = 3;

/**
 * Runs the staged steps of `plan`, publishes once, then applies the notifier links (immediate).
 * Any failure reverts the staged changes first (§7.2 `revert`), so nothing is half-applied. If the
 * token was replaced while staging (§3.2: unpublished changes may belong to the old token), the
 * staged work is reverted and the plan runs again on the new token before anything is published.
 */
async function applyPlan(s: DynectSession, serviceId: string, objects: TdObjects, plan: TdPlan): Promise<DsfService | undefined> {
  let svc: DsfService | undefined;
  if (plan.steps.length > 0) {
    await s.login();
    for (let run = 1; ; run++) {
      const ctx = planContext(s, serviceId, objects, plan);
      const epoch = s.epoch;
      let step = "publish";
      try {
        for (const st of plan.steps) {
          step = st.what;
          await st.run(ctx);
        }
        if (s.epoch !== epoch && run < MAX_RUNS) {
          await sdk.revertDsfService(s, serviceId);
          continue;
        }
        step = "publish";
        svc = await sdk.publishDsfService(s, serviceId);
        break;
      } catch (e) {
        throw await reverted(s, serviceId, step, e);
      }
    }
  }
  for (const id of plan.link) svc = await sdk.addDsfServiceNotifier(s, serviceId, id);
  for (const linkId of plan.unlink) svc = await sdk.removeDsfServiceNotifier(s, serviceId, linkId);
  return svc;
}

/** The failure of `step`, after reverting what was staged; says so when the revert failed too. */
async function reverted(s: DynectSession, serviceId: string, step: string, cause: unknown): Promise<Error> {
  const message = cause instanceof Error ? cause.message : String(cause);
  try {
    await sdk.revertDsfService(s, serviceId);
    return new Error(`${step} failed, so nothing was published and the staged changes were reverted: ${message}`, { cause });
  } catch (revertError) {
    const why = revertError instanceof Error ? revertError.message : String(revertError);
    return new Error(`${step} failed (${message}), and reverting the staged changes failed too (${why}): nothing was published, but the service may hold staged changes — the next publish of it would make them live`, { cause });
  }
}

/** The service `adopt` names: an id, or a label (`true`: the declared label). Undefined when none has that label. */
async function findAdopted(s: DynectSession, td: TrafficDirectorInputs): Promise<DsfService | undefined> {
  return pickAdopted(await sdk.listDsfServices(s), (x) => x.service_id, (x) => x.label, td.adopt === true ? true : String(td.adopt), td.label, "service");
}

/** Creates the service in one POST (plus one ruleset PUT per rule that lists a pool written before, then a publish). */
async function createService(s: DynectSession, td: TrafficDirectorInputs): Promise<DsfService> {
  const { input, places, sharedPoolRules } = wholeServiceInput(td);
  if (sharedPoolRules.length === 0) return sdk.createDsfService(s, input);
  const draft = await sdk.createDsfService(s, input, { publish: false });
  try {
    const poolId = (key: string) => {
      const at = places.get(key) as { rule: number; at: number };
      return draft.rulesets[at.rule].response_pools[at.at].dsf_response_pool_id;
    };
    for (const i of sharedPoolRules) {
      const rule = td.rules[i];
      const ruleset = draft.rulesets[i];
      const entries: sdk.DsfPoolEntry[] = rule.pools.map((key) => ({ dsf_response_pool_id: poolId(key) }));
      if (rule.failover !== undefined) entries.push({ dsf_response_pool_id: ruleset.response_pools[ruleset.response_pools.length - 1].dsf_response_pool_id });
      await sdk.updateDsfRuleset(s, draft.service_id, ruleset.dsf_ruleset_id, { response_pools: entries }, { publish: false });
    }
    return await sdk.publishDsfService(s, draft.service_id);
  } catch (e) {
    // Never published: delete the shell (immediate, §7.2), so nothing is left behind.
    await sdk.deleteDsfService(s, draft.service_id).catch(() => undefined);
    throw e;
  }
}

export async function createTrafficDirectorResource(props: Props): Promise<{ id: string; outs: TrafficDirectorOutputs }> {
  const td = inputsOf(props);
  const s = session();
  let adopted: { svc: DsfService; live: ReturnType<typeof liveModel> } | undefined;
  try {
    const found = td.adopt !== undefined && td.adopt !== false ? await findAdopted(s, td) : undefined;
    if (!found) {
      const svc = await createService(s, td);
      return { id: svc.service_id, outs: outputs(td, svc) };
    }
    adopted = { svc: found, live: liveModel(found, { inputs: td }) };
    const { live } = adopted;
    const svc = (await applyPlan(s, found.service_id, live.objects, planUpdate(live.inputs, live.objects, td))) ?? found;
    return { id: svc.service_id, outs: outputs(td, svc) };
  } catch (e) {
    const error = withContext(`creating ${DESCRIBE(td)}`, e);
    // An adopted service stays in state even when converging it failed (reverted): it exists either way, as it was.
    if (adopted) throw initFailed(error, adopted.svc.service_id, { ...adopted.live.inputs, serviceId: adopted.svc.service_id, objects: adopted.live.objects });
    throw error;
  }
}

export async function readTrafficDirectorResource(id: string, props: Props): Promise<{ id?: string; props?: TrafficDirectorOutputs; inputs?: TrafficDirectorInputs }> {
  const serviceId = id || String(props.serviceId ?? "");
  try {
    const svc = await sdk.getDsfService(session(), serviceId);
    const { inputs, objects } = liveModel(svc, { inputs: inputsOf(props), objects: objectsOf(props) });
    return { id: svc.service_id, props: { ...inputs, serviceId: svc.service_id, objects }, inputs };
  } catch (e) {
    if (isNotFound(e)) return {};
    throw withContext(`reading ${DESCRIBE(props, serviceId)}`, e);
  }
}

export async function updateTrafficDirectorResource(id: string, olds: Props, news: Props): Promise<{ outs: TrafficDirectorOutputs }> {
  const next = inputsOf(news);
  const objects = objectsOf(olds);
  try {
    const svc = await applyPlan(session(), id, objects, planUpdate(inputsOf(olds), objects, next));
    return { outs: svc ? outputs(next, svc) : { ...next, serviceId: id, objects } };
  } catch (e) {
    throw withContext(`updating ${DESCRIBE(next, id)}`, e);
  }
}

export async function deleteTrafficDirectorResource(id: string, props: Props): Promise<void> {
  try {
    await sdk.deleteDsfService(session(), id);
  } catch (e) {
    if (isNotFound(e)) return;
    throw withContext(`deleting ${DESCRIBE(props, id)}`, e);
  }
}
