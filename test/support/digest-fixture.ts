// A small customer-success export whose digest (`pulse digest`, the overview page) is worked out by hand
// in test/cli/pulse-digest.test.ts. Accounts and subscriptions only: the health score is then its
// financial component alone (100 × MRR / MRR three months before, capped at 100; 100 when the account did
// not pay then), so bands follow from the amounts.
//
//   id  name           plan                                       MRR Feb 2024 → Mar 2024   March movement
//   A   Alpha Co       100 a month from 2024-01-01                100 → 100
//   B   Beta Ltd       200 a month from 2024-01-01, 300 from 03-01  200 → 300               expansion +100
//   C   Cobalt         150 a month 2024-01-01 … 2024-03-01         150 → 0                 churn −150
//   D   Delta          50 a month from 2024-03-10                   0 → 50                 new +50
//   E   Echo           1,200 a year from 2023-05-01                100 → 100               (renews 2024-05-01)
//   F   Foxtrot GmbH   400 a month from 2023-12-01, 200 from 03-01  400 → 200              contraction −200
//   G   Golf_Partners  500 a month from 2023-12-01, then 660 a       500 → 220              contraction −280
//                      quarter from 2024-03-01 (renews 2024-06-01)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ACCOUNTS = [
  ['A', 'Alpha Co', '2024-01-01'],
  ['B', 'Beta Ltd', '2024-01-01'],
  ['C', 'Cobalt', '2024-01-01'],
  ['D', 'Delta', '2024-03-10'],
  ['E', 'Echo', '2023-05-01'],
  ['F', 'Foxtrot GmbH', '2023-12-01'],
  ['G', 'Golf_Partners', '2023-12-01'],
] as const;

const SUBSCRIPTIONS = [
  'sA,A,basic,month,100,USD,2024-01-01,,false',
  'sB1,B,basic,month,200,USD,2024-01-01,2024-03-01,false',
  'sB2,B,pro,month,300,USD,2024-03-01,,false',
  'sC,C,basic,month,150,USD,2024-01-01,2024-03-01,false',
  'sD,D,basic,month,50,USD,2024-03-10,,false',
  'sE,E,annual,year,1200,USD,2023-05-01,,false',
  'sF1,F,pro,month,400,USD,2023-12-01,2024-03-01,false',
  'sF2,F,basic,month,200,USD,2024-03-01,,false',
  'sG1,G,pro,month,500,USD,2023-12-01,2024-03-01,false',
  'sG2,G,contract,quarter,660,USD,2024-03-01,,false',
];

/**
 * Writes the export under `<root>/data/raw` with `<root>/data/pulse.config.json` (as_of and any other keys)
 * and a package.json with workspaces, so `pulse build` run in root writes `data/warehouse.duckdb`,
 * `data/marts/` and `target/` there.
 */
export function writeDigestWorkspace(root: string, config: Readonly<Record<string, unknown>>): void {
  mkdirSync(join(root, 'data', 'raw'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-digest", "private": true, "workspaces": [] }\n',
  );
  writeFileSync(
    join(root, 'data', 'pulse.config.json'),
    `${JSON.stringify({ reporting_currency: 'USD', ...config })}\n`,
  );
  writeFileSync(
    join(root, 'data', 'raw', 'accounts.csv'),
    `account_id,name,created_at,segment\n${ACCOUNTS.map(([id, name, created]) => `${id},${name},${created}T00:00:00Z,smb`).join('\n')}\n`,
  );
  writeFileSync(
    join(root, 'data', 'raw', 'subscriptions.csv'),
    `subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n${SUBSCRIPTIONS.join('\n')}\n`,
  );
}
