import { PulseError } from '../errors.js';
import { duckdbTypeOf } from '../model/column-types.js';
import { schemaOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

export class ContractViolationError extends PulseError {
  override readonly name = 'ContractViolationError';
  readonly problems: readonly string[];

  constructor(model: string, problems: readonly string[]) {
    super(`Model "${model}" does not match its column contract:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/**
 * Compares the built relation's columns and DuckDB types with the model's zod contract. A missing, extra
 * or mistyped column fails the model, naming model, column, expected and found type.
 */
export async function checkContract(warehouse: ModelWarehouse, model: AnyModel): Promise<void> {
  const found = (await warehouse.relation(schemaOf(model), model.name))?.columns ?? [];
  const foundTypes = new Map(found.map((column) => [column.name, column.dataType]));
  const problems: string[] = [];
  const expected = Object.entries(model.columns.shape);
  for (const [column, schema] of expected) {
    const expectedType = duckdbTypeOf(schema as never, `${model.name}.${column}`);
    const foundType = foundTypes.get(column);
    if (foundType === undefined) {
      problems.push(`column "${column}" is missing (expected ${expectedType})`);
    } else if (foundType !== expectedType) {
      problems.push(`column "${column}": expected ${expectedType}, found ${foundType}`);
    }
  }
  const declared = new Set(expected.map(([column]) => column));
  for (const { name, dataType } of found) {
    if (!declared.has(name)) {
      problems.push(`column "${name}" (${dataType}) is not in the contract: declare it or drop it`);
    }
  }
  if (problems.length) throw new ContractViolationError(model.name, problems);
}
