import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileGraph,
  parseSelection,
  runBuild,
  SelectionError,
  selectModels,
  type Warehouse,
} from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

//   a ─ b ─ d
//     ╲   ╱
//       c      e (unrelated)
const a = accountsModel('a');
const b = accountsModel('b', [a]);
const c = accountsModel('c', [a]);
const models = [a, b, c, accountsModel('d', [b, c]), accountsModel('e')];

describe('--select', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  const select = (selection: string | string[]) => {
    const graph = compileGraph(warehouse, models, {});
    return selectModels(graph, parseSelection(selection, graph.names));
  };

  it('selects one model, its descendants (name+) or its ancestors (+name), in build order', () => {
    expect(select('b')).toEqual(['b']);
    expect(select('b+')).toEqual(['b', 'd']);
    expect(select('a+')).toEqual(['a', 'b', 'c', 'd']);
    expect(select('+d')).toEqual(['a', 'b', 'c', 'd']);
    expect(select('+b+')).toEqual(['a', 'b', 'd']);
  });

  it('unions selectors separated by commas and/or spaces, and several flag values', () => {
    expect(select('e, c')).toEqual(['c', 'e']);
    expect(select('e c+')).toEqual(['c', 'd', 'e']);
    expect(select(['+b', 'e'])).toEqual(['a', 'b', 'e']);
  });

  it('rejects unknown models and malformed selectors with a usage error', () => {
    expect(() => select('f')).toThrow(SelectionError);
    expect(() => select('b,f+')).toThrow(
      'Selector "f+" names no model of this project ("f"); `pulse ls` lists them.',
    );
    expect(() => select('b++')).toThrow('Invalid selector "b++"');
    expect(() => select(' , ')).toThrow('--select is empty');
  });

  it('builds only the selected models', async () => {
    const result = await runBuild({ warehouse, models, vars: {}, select: '+b' });
    expect(result.nodes.map((node) => [node.name, node.status])).toEqual([
      ['a', 'success'],
      ['b', 'success'],
    ]);
    const tables = await warehouse.query<{ table_name: string }>(
      "select table_name from duckdb_tables() where schema_name = 'staging' order by 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['a', 'b']);
  });
});
