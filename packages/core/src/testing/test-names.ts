import type { DataTest } from '../model/data-test.js';
import type { AnyModel } from '../model/model-definition.js';

/**
 * dbt-style generated names (`unique_stg_accounts_account_id`, `not_null_mrr_monthly_month`), stable across
 * runs so a test can be followed in run_results.json from one build to the next.
 */
export function testNameOf(model: AnyModel, test: DataTest): string {
  if (test.name) return test.name;
  switch (test.kind) {
    case 'unique':
      return `unique_${model.name}_${test.columns.join('__')}`;
    case 'not_null':
      return `not_null_${model.name}_${test.column}`;
    case 'accepted_values':
      return `accepted_values_${model.name}_${test.column}`;
    case 'relationships':
      return `relationships_${model.name}_${test.column}__${test.to.replace('.', '_')}_${test.field}`;
    case 'expression':
      return `expression_${model.name}_${slug(test.expression)}`;
    case 'custom':
      return test.name;
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
}
