import { isExternalRelation } from '../model/external-relation.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import type { AccountHistoryDefinition, ProjectDefinition } from '../project/define-project.js';

/** An exported mart of one row per month and segment (or channel, cohort …): its history is compared. */
export interface MonthlyMart {
  readonly name: string;
  /** Its grain, in order. */
  readonly keys: readonly string[];
  /** The grain's month column (`month`, `cohort_month`, `signup_month` …). */
  readonly month: string;
}

/**
 * The monthly marts of a project, in its model order: exported models whose grain holds a month column
 * (`month` or `<something>_month`) and no id column. Per-account marts (`account_id` in the grain) are
 * left out: their every account would be a "moved value"; the project's `accountHistory` names the one
 * compared account by account instead.
 */
export function monthlyMartsOf(project: ProjectDefinition): MonthlyMart[] {
  const exported = new Set<Layer>(project.exportLayers ?? ['marts']);
  const marts: MonthlyMart[] = [];
  for (const model of project.models) {
    const grain: readonly string[] = model.grain ?? [];
    if (!exported.has(model.layer) || grain.some((column) => column.endsWith('_id'))) continue;
    const month = grain.find((column) => column === 'month' || column.endsWith('_month'));
    if (month !== undefined) marts.push({ name: model.name, keys: grain, month });
  }
  return marts;
}

/** The project's account history when it names an exported model, else undefined. */
export function accountHistoryOf(project: ProjectDefinition): AccountHistoryDefinition | undefined {
  const history = project.accountHistory;
  if (history === undefined) return undefined;
  const exported = new Set<Layer>(project.exportLayers ?? ['marts']);
  const model = project.models.find((candidate) => candidate.name === history.model);
  return model !== undefined && exported.has(model.layer) ? history : undefined;
}

/** The raw sources (`raw.<source>` relations) a model reads, directly or through upstream models. */
export function upstreamSourcesOf(project: ProjectDefinition, modelName: string): Set<string> {
  const byName = new Map(project.models.map((model) => [model.name, model]));
  const sources = new Set<string>();
  const seen = new Set<string>();
  const visit = (model: AnyModel | undefined) => {
    if (model === undefined || seen.has(model.name)) return;
    seen.add(model.name);
    for (const input of model.inputs as readonly unknown[]) {
      if (isExternalRelation(input)) {
        const [schema, name] = input.name.split('.');
        if (schema === 'raw' && name !== undefined) sources.add(name);
      } else visit(byName.get((input as AnyModel).name));
    }
  };
  visit(byName.get(modelName));
  return sources;
}
