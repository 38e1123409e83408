import { describe, expect, it } from 'vitest';
import { csv, withStripe } from './stripe-harness.js';

const customers = csv(
  'id,name,email,created,metadata,is_deleted',
  // ISO created; every default metadata key
  'cus_1,Acme,ops@acme.test,2024-01-01 10:00:00,"{""segment"":""enterprise"",""region"":""EMEA"",""acquisition_channel"":""paid_search""}",false',
  // epoch-seconds created (2024-02-01T12:30:00Z); no name: the email; no metadata keys: unknown
  'cus_2,,billing@beta.test,1706790600,{},false',
  // a deleted customer is kept; metadata that is not JSON reads as no keys
  'cus_3,Gamma,,2024-03-01T00:00:00Z,not json,true',
);

const account = (row: Record<string, unknown>) => {
  const { account_id, name, created_at, segment, region, acquisition_channel, _file, _line } = row;
  return { account_id, name, created_at, segment, region, acquisition_channel, _file, _line };
};

describe('stripe preset: accounts from customer', () => {
  it('id, name else email, created (ISO or epoch seconds), metadata keys under their default names', async () => {
    await withStripe({ 'stripe/customer.csv': customers }, async (ingested) => {
      expect((await ingested.rows('accounts')).map(account)).toEqual([
        {
          account_id: 'cus_1',
          name: 'Acme',
          created_at: new Date('2024-01-01T10:00:00Z'),
          segment: 'enterprise',
          region: 'EMEA',
          acquisition_channel: 'paid_search',
          _file: 'stripe/customer.csv',
          _line: 2,
        },
        {
          account_id: 'cus_2',
          name: 'billing@beta.test',
          created_at: new Date('2024-02-01T12:30:00Z'),
          segment: 'unknown',
          region: 'unknown',
          acquisition_channel: 'unknown',
          _file: 'stripe/customer.csv',
          _line: 3,
        },
        {
          account_id: 'cus_3',
          name: 'Gamma',
          created_at: new Date('2024-03-01T00:00:00Z'),
          segment: 'unknown',
          region: 'unknown',
          acquisition_channel: 'unknown',
          _file: 'stripe/customer.csv',
          _line: 4,
        },
      ]);
      expect(await ingested.quarantine('accounts')).toEqual([]);
    });
  });

  // Snowflake's default spelling of a TIMESTAMP_TZ in an unload: every customer was quarantined as not
  // ISO 8601, and every subscription and invoice of theirs as an orphan.
  it('reads created as a warehouse unload spells it, with the offset after a space', async () => {
    const unloaded = csv(
      'id,name,created,metadata',
      'cus_1,Acme,2024-01-05 09:00:00.000 +0000,{}',
      'cus_2,Beta,2024-01-05 09:00:00 -0530,{}',
    );
    await withStripe({ 'stripe/customer.csv': unloaded }, async (ingested) => {
      expect((await ingested.rows('accounts')).map((row) => [row.account_id, row.created_at])).toEqual([
        ['cus_1', new Date('2024-01-05T09:00:00Z')],
        ['cus_2', new Date('2024-01-05T14:30:00Z')],
      ]);
      expect(await ingested.quarantine('accounts')).toEqual([]);
    });
  });

  it('reads the metadata keys the metadata option names, and only those: a column it leaves out reads no key', async () => {
    const files = {
      'stripe/customer.csv': csv(
        'id,name,created,metadata',
        // `region` is under its own name, but the option does not list region: before, it fell back to it.
        'cus_1,Acme,2024-01-01 00:00:00,"{""tier"":""smb"",""segment"":""ignored"",""channel"":""partner"",""region"":""emea""}"',
      ),
    };
    await withStripe(
      files,
      async (ingested) => {
        expect((await ingested.rows('accounts')).map(account)).toEqual([
          {
            account_id: 'cus_1',
            name: 'Acme',
            created_at: new Date('2024-01-01T00:00:00Z'),
            segment: 'smb',
            region: 'unknown',
            acquisition_channel: 'partner',
            _file: 'stripe/customer.csv',
            _line: 2,
          },
        ]);
      },
      { stripe: { metadata: { segment: 'tier', acquisition_channel: 'channel' } } },
    );
  });

  it('a created that is neither ISO nor epoch seconds is wrong_type at the customer line, naming the vendor field', async () => {
    const files = {
      'stripe/customer.csv': csv('id,name,created', 'cus_1,Acme,2024-01-01 00:00:00', 'cus_2,Beta,yesterday'),
    };
    await withStripe(files, async (ingested) => {
      expect(await ingested.quarantine('accounts', true)).toEqual([
        {
          file: 'stripe/customer.csv',
          line: 3,
          column: 'created_at',
          reason_code: 'wrong_type',
          reason:
            "created_at (customer.created (ISO or epoch seconds)) 'yesterday' is not an ISO 8601 timestamp: write it as YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset such as +02:00",
          raw: '{"id":"cus_2","name":"Beta","created":"yesterday"}',
        },
      ]);
    });
  });
});
