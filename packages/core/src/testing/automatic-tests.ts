import type { z } from 'zod';
import { isNullable } from '../model/column-types.js';
import { type DataTest, notNull, unique } from '../model/data-test.js';
import type { AnyModel } from '../model/model-definition.js';
import { testNameOf } from './test-names.js';

/**
 * Every test a model gets: the contract's implied ones first (its grain is unique, its non-nullable
 * columns are not null), then the declared ones. A declared test with the same name as an implied one
 * replaces it, so declaring `notNull('x', { severity: 'warn' })` relaxes the implied check.
 */
export function testsOf(model: AnyModel): DataTest[] {
  const implied: DataTest[] = [];
  if (model.grain?.length) implied.push(unique(model.grain));
  for (const [column, schema] of Object.entries(model.columns.shape)) {
    if (!isNullable(schema as z.ZodType)) implied.push(notNull(column));
  }
  const declared = model.tests ?? [];
  const declaredNames = new Set(declared.map((test) => testNameOf(model, test)));
  return [...implied.filter((test) => !declaredNames.has(testNameOf(model, test))), ...declared];
}
