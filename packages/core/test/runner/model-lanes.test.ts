import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunEvent, runBuild, Warehouse } from '../../src/index.js';
import { ModelLanesError, modelLanes } from '../../src/runner/model-lanes.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse, tempDir } from '../support/temp-warehouse.js';

const startsAndDones = (events: readonly RunEvent[]) =>
  events.flatMap((event) =>
    event.type === 'node-start'
      ? [`start ${event.name}`]
      : event.type === 'node-done'
        ? [`done ${event.result.name}`]
        : [],
  );

describe('models built in lanes', () => {
  let warehouse: Warehouse | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await warehouse?.close();
    await cleanup?.();
    warehouse = undefined;
    cleanup = undefined;
  });

  /** `seededWarehouse`'s table in a new database file (where the schema conflict showed). */
  async function seededFileWarehouse(): Promise<Warehouse> {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const opened = await Warehouse.open(join(temp.dir, 'lanes.duckdb'));
    await opened.exec(
      "create schema raw; create table raw.accounts as select * from (values ('a1', 'smb', 100.0::double), ('a2', 'smb', 250.0), ('a3', 'enterprise', 900.0)) as t(account_id, segment, mrr)",
    );
    return opened;
  }

  it('starts independent models together, each on its own connection, and reports them in build order', async () => {
    warehouse = await seededFileWarehouse();
    // Four models with no dependency between them, in schemas that do not exist yet: two connections
    // creating one schema at once is a DuckDB catalog conflict, so the schemas are made up front.
    const models = [
      accountsModel('first'),
      accountsModel('second'),
      accountsModel('third', [], { layer: 'marts' }),
      accountsModel('fourth', [], { layer: 'marts' }),
    ];
    const events: RunEvent[] = [];
    const result = await runBuild({ warehouse, models, vars: {}, lanes: 2, onEvent: (e) => events.push(e) });
    expect(result.nodes.map((node) => [node.name, node.status, node.rows])).toEqual([
      ['first', 'success', 3],
      ['second', 'success', 3],
      ['third', 'success', 3],
      ['fourth', 'success', 3],
    ]);
    const order = startsAndDones(events);
    // Both lanes take a model before either is done.
    expect(order.slice(0, 2)).toEqual(['start first', 'start second']);
    // Done events come in build order whichever model finished first.
    expect(order.filter((line) => line.startsWith('done'))).toEqual([
      'done first',
      'done second',
      'done third',
      'done fourth',
    ]);
  });

  it('one lane builds one model at a time', async () => {
    warehouse = await seededWarehouse();
    const events: RunEvent[] = [];
    await runBuild({
      warehouse,
      models: [accountsModel('first'), accountsModel('second')],
      vars: {},
      lanes: 1,
      onEvent: (e) => events.push(e),
    });
    expect(startsAndDones(events)).toEqual(['start first', 'done first', 'start second', 'done second']);
  });

  it('waits for a model’s inputs and still skips only the descendants of a failure', async () => {
    warehouse = await seededWarehouse();
    const broken = accountsModel('broken', [], { fail: true });
    const healthy = accountsModel('healthy');
    const child = accountsModel('child', [broken]);
    const healthyChild = accountsModel('healthy_child', [healthy]);
    const models = [broken, healthy, child, accountsModel('mixed', [healthy, child]), healthyChild];
    const events: RunEvent[] = [];
    const result = await runBuild({ warehouse, models, vars: {}, lanes: 2, onEvent: (e) => events.push(e) });
    expect(result.nodes.map((node) => [node.name, node.status, node.failedAncestor])).toEqual([
      ['broken', 'error', null],
      ['healthy', 'success', null],
      ['child', 'skipped', 'broken'],
      ['mixed', 'skipped', 'broken'],
      ['healthy_child', 'success', null],
    ]);
    const order = startsAndDones(events);
    expect(order.indexOf('start healthy_child')).toBeGreaterThan(order.indexOf('done healthy'));
  });

  it('cannot open a sibling connection inside a transaction', async () => {
    warehouse = await Warehouse.open(':memory:');
    await expect(warehouse.transaction((inside) => inside.sibling())).rejects.toThrow(
      /outside any transaction/,
    );
  });
});

describe('PULSE_MODEL_LANES', () => {
  it('defaults to two lanes and accepts a whole number', () => {
    expect(modelLanes({})).toBe(2);
    expect(modelLanes({ PULSE_MODEL_LANES: ' 1 ' })).toBe(1);
    expect(modelLanes({ PULSE_MODEL_LANES: '4' })).toBe(4);
  });

  it('refuses anything else, saying what to set', () => {
    for (const value of ['0', '1.5', 'two', '99']) {
      expect(() => modelLanes({ PULSE_MODEL_LANES: value })).toThrow(ModelLanesError);
    }
    expect(() => modelLanes({ PULSE_MODEL_LANES: 'two' })).toThrow(/whole number from 1 to 16/);
  });
});
