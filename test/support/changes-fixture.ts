// A tiny customer-success export folder whose history a second refresh restates: two smb accounts on
// monthly plans from January 2026 (as_of 2026-03-31), then a corrected subscriptions.csv (A1's upgrade
// to 150 from 1 March was missing) and a late invoice file (A2's February invoice). The values each
// restatement moves are worked out by hand in test/e2e/changes.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeChangesWorkspace(root: string): void {
  mkdirSync(join(root, 'data', 'raw', 'invoices'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-changes", "private": true, "workspaces": [] }\n',
  );
  writeFileSync(
    join(root, 'data', 'pulse.config.json'),
    '{ "reporting_currency": "USD", "as_of": "2026-03-31" }\n',
  );
  writeFileSync(
    join(root, 'data', 'raw', 'accounts.csv'),
    `account_id,name,created_at,segment,region,acquisition_channel
A1,Alpha,2026-01-05T00:00:00Z,smb,eu,organic
A2,Beta,2026-01-10T00:00:00Z,smb,eu,organic
`,
  );
  writeFileSync(
    join(root, 'data', 'raw', 'subscriptions.csv'),
    `account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial
A1,S1,basic,month,100.00,USD,2026-01-05,,false
A2,S2,pro,month,200.00,USD,2026-01-10,,false
`,
  );
  writeFileSync(
    join(root, 'data', 'raw', 'invoices', '2026-q1.csv'),
    `invoice_id,account_id,issued_at,amount,currency,status
I1,A1,2026-01-05T09:00:00Z,100.00,USD,paid
I2,A2,2026-01-10T09:00:00Z,200.00,USD,paid
I3,A1,2026-02-05T09:00:00Z,100.00,USD,paid
I5,A1,2026-03-05T09:00:00Z,100.00,USD,paid
I6,A2,2026-03-10T09:00:00Z,200.00,USD,paid
`,
  );
}

/** The corrected subscription export and the late invoice file of the second delivery. */
export function restateHistory(root: string): void {
  writeFileSync(
    join(root, 'data', 'raw', 'subscriptions.csv'),
    `account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial
A1,S1,basic,month,100.00,USD,2026-01-05,2026-03-01,false
A1,S1,basic,month,150.00,USD,2026-03-01,,false
A2,S2,pro,month,200.00,USD,2026-01-10,,false
`,
  );
  writeFileSync(
    join(root, 'data', 'raw', 'invoices', 'late-2026-02.csv'),
    `invoice_id,account_id,issued_at,amount,currency,status
I4,A2,2026-02-10T09:00:00Z,200.00,USD,paid
`,
  );
}
