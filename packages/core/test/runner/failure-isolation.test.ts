import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunEvent, runBuild, type Warehouse } from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

describe('a failing model', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  it('skips only its descendants, naming it; unrelated branches still build', async () => {
    //  broken ─ child ─ grandchild        healthy ─ healthy_child
    //                 ╲ mixed (also reads healthy)
    const broken = accountsModel('broken', [], { fail: true });
    const healthyModel = accountsModel('healthy');
    const child = accountsModel('child', [broken]);
    const models = [
      broken,
      healthyModel,
      child,
      accountsModel('grandchild', [child]),
      accountsModel('mixed', [healthyModel, child]),
      accountsModel('healthy_child', [healthyModel]),
    ];
    const events: RunEvent[] = [];
    const result = await runBuild({ warehouse, models, vars: {}, onEvent: (event) => events.push(event) });
    expect(result.nodes.map((node) => [node.name, node.status, node.failedAncestor])).toEqual([
      ['broken', 'error', null],
      ['healthy', 'success', null],
      ['child', 'skipped', 'broken'],
      ['grandchild', 'skipped', 'broken'],
      ['mixed', 'skipped', 'broken'],
      ['healthy_child', 'success', null],
    ]);
    const brokenNode = result.nodes[0]!;
    expect(brokenNode.message).toMatch(/^Model "broken" failed to build: .*deliberate failure/s);
    expect(result.nodes[3]!.message).toBe('Skipped because upstream model "broken" failed.');
    expect(result.success).toBe(false);

    const healthy = result.nodes[1]!;
    expect(healthy.rows).toBe(3);
    expect(healthy.startedAt!.getTime()).toBeLessThanOrEqual(healthy.completedAt!.getTime());
    expect(healthy.executionTime).toBeGreaterThanOrEqual(0);
    expect(result.nodes[2]).toMatchObject({ startedAt: null, completedAt: null, rows: null, tests: [] });

    // Skipped nodes are reported done without being started.
    expect(events.filter((e) => e.type === 'node-start').map((e) => (e as { name: string }).name)).toEqual([
      'broken',
      'healthy',
      'healthy_child',
    ]);
    expect(events.at(0)).toMatchObject({ type: 'run-start', total: 6 });
    expect(events.at(-1)).toMatchObject({ type: 'run-done' });
  });
});
