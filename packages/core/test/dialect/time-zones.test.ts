import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./time-zone-probe.ts', import.meta.url));
const warehouseProbe = fileURLToPath(new URL('./warehouse-time-zone-probe.ts', import.meta.url));

async function probeUnder(timeZone: string): Promise<{ jsUtcOffsetMinutes: number; rows: unknown[] }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], {
    env: { ...process.env, TZ: timeZone },
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}

describe("results never depend on the machine's time zone", () => {
  it('America/Los_Angeles and Asia/Kolkata read the same DATE, TIMESTAMP and TIMESTAMPTZ values', async () => {
    const [losAngeles, kolkata] = await Promise.all([
      probeUnder('America/Los_Angeles'),
      probeUnder('Asia/Kolkata'),
    ]);
    // The children really ran in different zones…
    expect(losAngeles.jsUtcOffsetMinutes).toBe(420);
    expect(kolkata.jsUtcOffsetMinutes).toBe(-330);
    // …and read identical, correct values (JSON turns the Dates into ISO instants).
    expect(kolkata.rows).toEqual(losAngeles.rows);
    expect(losAngeles.rows).toEqual([
      {
        date_before_epoch: '1969-12-31',
        leap_day: '2024-02-29',
        timestamp_value: '2024-02-29T23:30:00.000Z',
        timestamptz_value: '2021-04-01T03:00:00.000Z',
        timestamptz_as_timestamp: '2021-04-01T03:00:00.000Z',
        timestamptz_as_date: '2021-04-01',
        timestamptz_day: '2021-04-01T00:00:00.000Z',
        bound_date: '2021-04-01T03:00:00.000Z',
        bound_date_as_date: '2021-04-01',
        bound_date_as_timestamptz: '2021-04-01T03:00:00.000Z',
      },
    ]);
  });

  it("a Warehouse's every connection (aside, lanes, siblings, a reopened file) is in UTC (re-read files parse the same)", async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', warehouseProbe], {
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      timeout: 30_000,
    });
    const utc = { zone: 'UTC', day: '2021-04-01' };
    expect(JSON.parse(stdout)).toEqual({
      main: utc,
      aside: utc,
      lane: utc,
      sibling: utc,
      reopened: utc,
      reopenedAside: utc,
    });
  });
});
