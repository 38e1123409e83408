// The same export folder as a vendor would hand it over: every source under another path and other
// headers, timestamps as Unix epochs or day-first text, money in minor units, enums spelled the vendor's
// way, fx rates nested in JSON. Written by DuckDB (`COPY (select …) TO …`, never rows through Node),
// together with the `sources` block of pulse.config.json that reads it back (ADAPTERS.md section 1).
// Building both folders must give the same marts: that is what proves the mapping reads the same data.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { currencyExponentSql } from '@pulse/core';
import { sourceFiles } from './source-files.js';

/** SQL of a canonical value (`value`, text) as the vendor writes it; `column` reaches the row's others. */
type Writer = (value: string, column: (name: string) => string) => string;

interface VendorColumn {
  readonly header: string;
  /** false: only the header's case differs, so the config does not list it (matched case-insensitively). */
  readonly listed?: boolean;
  readonly format?: string;
  /** Vendor value → canonical value, as the config's `values` says it; the writer inverts it. */
  readonly values?: Readonly<Record<string, string>>;
  readonly write?: Writer;
}

interface VendorSource {
  /** `sources.<name>.path`: a file, a folder or a glob. */
  readonly path: string;
  /** Where the copy of one canonical file goes, relative to the vendor data folder. */
  readonly fileOf: (canonicalFile: string) => string;
  readonly columns: Readonly<Record<string, VendorColumn>>;
}

/** Only values the canonical reader could parse are converted; anything else is copied as it is. */
const epochMs: Writer = (v) => `coalesce(epoch_ms(try_cast(${v} as timestamptz))::varchar, ${v})`;
const epochS: Writer = (v) =>
  `coalesce(case when epoch_us(try_cast(${v} as timestamptz)) % 1000000 = 0
     then (epoch_us(try_cast(${v} as timestamptz)) // 1000000)::varchar end, ${v})`;
const pattern =
  (type: 'date' | 'timestamptz', format: string): Writer =>
  (v) =>
    `coalesce(strftime(try_cast(${v} as ${type}), '${format}'), ${v})`;
/** Whole minor units by the row's currency; an amount with more decimals than that stays as written. */
const minorUnits: Writer = (v, column) => {
  const scaled = `(try_cast(${v} as decimal(28, 8)) * power(10, ${currencyExponentSql(column('currency'))})::bigint)`;
  return `coalesce(case when ${scaled} = trunc(${scaled}) then ${scaled}::hugeint::varchar end, ${v})`;
};

const DAY_FIRST = '%d/%m/%Y';
const DAY_FIRST_TIME = '%d/%m/%Y %H:%M:%S.%g';
const inFolder = (folder: string) => (file: string) => `${folder}/${basename(file)}`;
const at = (path: string) => () => path;

export const VENDOR_SOURCES: Readonly<Record<string, VendorSource>> = {
  accounts: {
    path: 'crm/companies.csv',
    fileOf: at('crm/companies.csv'),
    columns: {
      account_id: { header: 'Record ID' },
      name: { header: 'Company name' },
      created_at: { header: 'Create Date', format: 'epoch_ms', write: epochMs },
      segment: {
        header: 'Customer Tier',
        values: { 'Tier 1': 'enterprise', 'Tier 2': 'mid_market', 'Tier 3': 'smb' },
      },
      region: { header: 'REGION', listed: false },
      acquisition_channel: { header: 'Original Source' },
    },
  },
  events: {
    // A folder of gzipped parts, as a warehouse sync drops them (Segment's `tracks` names).
    path: 'segment/tracks/',
    fileOf: inFolder('segment/tracks'),
    columns: {
      event_id: { header: 'id' },
      account_id: { header: 'groupId' },
      user_id: { header: 'userId' },
      event_name: { header: 'event' },
      occurred_at: { header: 'timestamp', format: 'epoch_ms', write: epochMs },
    },
  },
  subscriptions: {
    path: 'billing/subscription_periods.csv',
    fileOf: at('billing/subscription_periods.csv'),
    columns: {
      subscription_id: { header: 'sub' },
      account_id: { header: 'customer' },
      plan: { header: 'plan_name' },
      billing_interval: {
        header: 'interval',
        values: { monthly: 'month', quarterly: 'quarter', annual: 'year' },
      },
      amount: { header: 'price_cents', format: 'minor_units', write: minorUnits },
      currency: { header: 'cur' },
      start_date: { header: 'from', format: DAY_FIRST, write: pattern('date', DAY_FIRST) },
      end_date: { header: 'to', format: DAY_FIRST, write: pattern('date', DAY_FIRST) },
      is_trial: { header: 'trial', values: { yes: 'true', no: 'false' } },
    },
  },
  invoices: {
    path: 'billing/invoices.csv',
    fileOf: at('billing/invoices.csv'),
    columns: {
      invoice_id: { header: 'Invoice Number' },
      account_id: { header: 'Customer' },
      issued_at: { header: 'Created (UTC)', format: 'epoch_s', write: epochS },
      amount: { header: 'Total', format: 'minor_units', write: minorUnits },
      currency: { header: 'Currency', listed: false },
      status: { header: 'Status', listed: false },
    },
  },
  tickets: {
    // Read through a glob: the helpdesk's yearly exports beside each other.
    path: 'helpdesk/export-*.csv',
    fileOf: (file) => `helpdesk/export-${basename(file)}`,
    columns: {
      ticket_id: { header: 'Ticket ID' },
      account_id: { header: 'Organization' },
      created_at: { header: 'Created', format: 'epoch_s', write: epochS },
      first_response_at: { header: 'First reply', format: 'epoch_s', write: epochS },
      resolved_at: { header: 'Solved', format: 'epoch_s', write: epochS },
      priority: { header: 'Priority', values: { P1: 'urgent', P2: 'high', P3: 'normal', P4: 'low' } },
      channel: { header: 'Via' },
      // Not a contract column: an extra export column, ignored with a warning in both layouts.
      subject: { header: 'SUBJECT', listed: false },
    },
  },
  survey_responses: {
    path: 'surveys/responses.csv',
    fileOf: at('surveys/responses.csv'),
    columns: {
      response_id: { header: 'Response ID' },
      account_id: { header: 'Company ID' },
      user_id: { header: 'Respondent' },
      survey: { header: 'Survey', values: { NPS: 'nps', CSAT: 'csat' } },
      score: { header: 'Score', listed: false },
      responded_at: {
        header: 'Submitted',
        format: DAY_FIRST_TIME,
        write: pattern('timestamptz', DAY_FIRST_TIME),
      },
      comment: { header: 'Comment', listed: false },
    },
  },
  spend: {
    path: 'finance/marketing_spend.csv',
    fileOf: at('finance/marketing_spend.csv'),
    columns: {
      month: { header: 'Month', listed: false },
      channel: { header: 'Channel name' },
      category: { header: 'Category', listed: false },
      amount: { header: 'Amount (cents)', format: 'minor_units', write: minorUnits },
      currency: { header: 'CUR' },
    },
  },
  fx_rates: {
    // JSON Lines with the rate nested in an object: read through dotted keys.
    path: 'fx/rates.jsonl',
    fileOf: at('fx/rates.jsonl'),
    columns: {
      date: { header: 'Date' },
      currency: { header: 'quote.currency' },
      rate: { header: 'quote.rate' },
    },
  },
};

/** The `sources` block of pulse.config.json that reads the vendor layout as the canonical sources. */
export function vendorSourcesConfig(): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(VENDOR_SOURCES)) {
    const entries = Object.entries(source.columns);
    const pick = <T>(get: (column: VendorColumn) => T | undefined) =>
      Object.fromEntries(
        entries.flatMap(([canonical, c]) => (get(c) === undefined ? [] : [[canonical, get(c)]])),
      );
    const values = pick((c) => c.values);
    const formats = pick((c) => c.format);
    config[name] = {
      path: source.path,
      columns: pick((c) => (c.listed === false ? undefined : c.header)),
      ...(Object.keys(values).length ? { values } : {}),
      ...(Object.keys(formats).length ? { formats } : {}),
    };
  }
  return config;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes the vendor copy of `canonicalDir` to `<outDir>/raw` and `<outDir>/pulse.config.json` (the
 * canonical folder's own config, if any, plus `sources`), replacing what was there; returns the data folder.
 */
export async function writeVendorLayout(canonicalDir: string, outDir: string): Promise<string> {
  const dataDir = join(outDir, 'raw');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`set TimeZone = 'UTC'`);
    for (const { name, format, files } of sourceFiles(canonicalDir)) {
      const source = VENDOR_SOURCES[name];
      if (!source) throw new Error(`no vendor layout for the source ${name}`);
      for (const file of files) {
        const target = join(dataDir, source.fileOf(file));
        // The generated datasets hold CSV and JSON Lines; each vendor file keeps its canonical format.
        const written = /\.jsonl$/.test(target) ? 'json' : /\.csv(\.gz)?$/.test(target) ? 'csv' : undefined;
        if (written !== format) throw new Error(`${file} (${format}) cannot be written as ${target}`);
        mkdirSync(dirname(target), { recursive: true });
        const read =
          format === 'csv'
            ? `read_csv(${literal(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`
            : `read_json(${literal(file)}, format = 'newline_delimited')`;
        const described = await connection.runAndReadAll(`describe select * from ${read}`);
        const actual = new Map(
          described
            .getRowObjectsJS()
            .map((row) => [String(row.column_name).trim().toLowerCase(), row.column_name]),
        );
        // A canonical header is matched like Pulse matches it (trimmed, any case); absent → empty.
        const column = (canonical: string) => {
          const found = actual.get(canonical);
          return found === undefined ? 'NULL::varchar' : quote(String(found));
        };
        const select = format === 'json' ? jsonSelect(source, column) : csvSelect(source, column);
        const options =
          format === 'json'
            ? `format json`
            : `format csv, header true${target.endsWith('.gz') ? ', compression gzip' : ''}`;
        await connection.run(`copy (select ${select} from ${read}) to ${literal(target)} (${options})`);
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const canonicalConfig = join(dirname(canonicalDir), 'pulse.config.json');
  const { $schema: _schema, ...config } = existsSync(canonicalConfig)
    ? JSON.parse(readFileSync(canonicalConfig, 'utf8'))
    : {};
  writeFileSync(
    join(outDir, 'pulse.config.json'),
    `${JSON.stringify({ ...config, sources: vendorSourcesConfig() }, null, 2)}\n`,
  );
  return dataDir;
}

function csvSelect(source: VendorSource, column: (name: string) => string): string {
  return Object.entries(source.columns)
    .map(([canonical, c]) => {
      const value = column(canonical);
      const respelled = c.values
        ? `case trim(${value}) ${Object.entries(c.values)
            .map(([vendor, ours]) => `when ${literal(ours)} then ${literal(vendor)}`)
            .join(' ')} else ${value} end`
        : value;
      return `${c.write ? c.write(respelled, column) : respelled} as ${quote(c.header)}`;
    })
    .join(', ');
}

/** Dotted headers become nested objects: `quote.currency` → `{"quote": {"currency": …}}`. */
function jsonSelect(source: VendorSource, column: (name: string) => string): string {
  const top = new Map<string, { key?: string; value: string }[]>();
  for (const [canonical, c] of Object.entries(source.columns)) {
    const [head, ...rest] = c.header.split('.');
    const fields = top.get(head!) ?? [];
    fields.push({ ...(rest.length ? { key: rest.join('.') } : {}), value: column(canonical) });
    top.set(head!, fields);
  }
  return [...top.entries()]
    .map(([head, fields]) => {
      const plain = fields.length === 1 && fields[0]!.key === undefined;
      const value = plain
        ? fields[0]!.value
        : `{${fields.map((f) => `${literal(f.key ?? '')}: ${f.value}`).join(', ')}}`;
      return `${value} as ${quote(head)}`;
    })
    .join(', ');
}
