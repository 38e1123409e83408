import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject, Warehouse } from '@pulse/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulseConfigSchema } from '../../src/config.js';
import { project } from '../../src/project.js';
import { resolveVars } from '../../src/vars.js';
import { varsWarnings } from '../../src/vars-warnings.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

/**
 * Settings the spec allows but that are almost surely mistaken are built as the spec says, with a warning:
 * an as_of pinned before the first account (every mart empty) or after today, and health weights that are
 * all 0 (every score null).
 */

const fixture: RawFixture = {
  accounts: [
    { account_id: 'A1', created_at: '2024-01-05T08:00:00Z', segment: 'smb' },
    { account_id: 'A2', created_at: '2024-03-01T00:00:00Z', segment: 'smb' },
  ],
  subscriptions: [{ subscription_id: 's1', account_id: 'A1', amount: 100, start_date: '2024-01-10' }],
};
const TODAY = '2024-06-15';

describe('warnings about the resolved vars', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, fixture);
  });
  afterEach(() => warehouse.close());

  async function warningsFor(settings: object): Promise<string[]> {
    const config = pulseConfigSchema.parse(settings);
    return varsWarnings(warehouse, config, await resolveVars(warehouse, config), TODAY);
  }

  it('says nothing for the defaults, nor for an as_of pinned within the data', async () => {
    expect(await warningsFor({})).toEqual([]);
    expect(await warningsFor({ as_of: '2024-01-05' })).toEqual([]);
    expect(await warningsFor({ as_of: TODAY })).toEqual([]);
  });

  it('warns of an as_of before the first account was created, naming that day', async () => {
    const warnings = await warningsFor({ as_of: '2024-01-04' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/as_of 2024-01-04 is before the first account was created \(2024-01-05\)/);
    expect(warnings[0]).toMatch(/every mart is empty/);
  });

  it('warns of an as_of after today', async () => {
    const warnings = await warningsFor({ as_of: '2099-01-31' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/as_of 2099-01-31 is after today \(2024-06-15\)/);
  });

  // One row dated in the future (a placeholder, a mistyped year) moved every report there with no word.
  it('warns of an as_of inferred after today, naming the row that set it', async () => {
    await warehouse.exec(
      `insert into raw.subscriptions (subscription_id, account_id, amount, start_date, _file, _line)
       values ('s9', 'A2', 5, date '2031-05-18', 'subscriptions.csv', 3)`,
    );
    const warnings = await warningsFor({});
    expect(warnings).toEqual([
      'as_of was inferred as 2031-05-18, the latest date in the data (subscriptions.start_date, ' +
        'subscriptions.csv:3), which is after today (2024-06-15): every report runs to that month as if ' +
        'nothing more will happen. If that date is a placeholder or a typo, fix the row; else pin "as_of" in ' +
        'pulse.config.json.',
    ]);
    expect(await warningsFor({ as_of: '2024-03-01' })).toEqual([]);
  });

  it('warns when every health weight is 0, not when one is above 0', async () => {
    const zero = { engagement: 0, usage_trend: 0, sentiment: 0, support: 0, financial: 0 };
    const warnings = await warningsFor({ health_weights: zero });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/every health weight is 0/);
    expect(await warningsFor({ health_weights: { ...zero, support: 0.1 } })).toEqual([]);
  });
});

describe('a build shows the warnings and still builds', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-vars-warnings-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('prints the as_of warning through onWarning, and the marts are empty as the spec says', async () => {
    const dataDir = join(root, 'data', 'raw');
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      join(dataDir, 'accounts.csv'),
      'account_id,name,created_at,segment\nA1,Acme,2024-01-05T08:00:00Z,smb\n',
    );
    await writeFile(
      join(dataDir, 'subscriptions.csv'),
      'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
        's1,A1,pro,month,100,USD,2024-01-10,,false\n',
    );
    const configFile = join(root, 'data', 'pulse.config.json');
    await writeFile(configFile, JSON.stringify({ as_of: '2023-12-31' }));
    const warnings: string[] = [];
    const result = await buildProject({
      project,
      paths: {
        root,
        dataDir,
        warehouse: join(root, 'data', 'warehouse.duckdb'),
        configFile,
        configExplicit: true,
        targetDir: join(root, 'target'),
        exportDir: join(root, 'data', 'marts'),
      },
      onWarning: (line) => warnings.push(line),
    });
    expect(result.run.success).toBe(true);
    const db = await Warehouse.open(join(root, 'data', 'warehouse.duckdb'), { readOnly: true });
    try {
      const [row] = await db.query<{ n: number }>('select count(*)::integer as n from marts.mrr_monthly');
      expect(row?.n).toBe(0);
    } finally {
      await db.close();
    }
    expect(
      warnings.filter((line) => line.startsWith('as_of 2023-12-31 is before the first account')),
    ).toHaveLength(1);
  });
});
