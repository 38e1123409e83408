/**
 * A Stripe export in the layout of Fivetran's Stripe connector, written from the spec (ADAPTERS.md §2,
 * "Stripe") independently of the preset's implementation. Column lists follow Fivetran's dbt_stripe
 * package (`macros/staging/get_*_columns.sql`, `integration_tests/seeds/*_data.csv`): money in minor
 * units, timestamps as Fivetran writes them (`2024-03-01 10:00:00`, UTC), booleans `TRUE`/`FALSE` as in its
 * seeds, `metadata` a JSON text. `subscription.csv` and `credit_note.csv` carry Unix epoch seconds instead
 * (as Airbyte's Stripe source writes them): the spec accepts both.
 *
 * One customer (or two) per scenario, so a single build serves every scenario.
 */

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

/** `2024-04-20 23:30:00` (UTC) → Unix epoch seconds. */
export function epochSeconds(utc: string): number {
  return Date.parse(`${utc.replace(' ', 'T')}Z`) / 1000;
}

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with the header in the given order; a column a row lacks is an empty cell. */
export function csvText(header: readonly string[], rows: readonly Row[]): string {
  for (const row of rows)
    for (const key of Object.keys(row))
      if (!header.includes(key)) throw new Error(`fixture bug: column ${key} is not in the header`);
  return [header.join(','), ...rows.map((row) => header.map((column) => cellText(row[column])).join(','))]
    .map((line) => `${line}\n`)
    .join('');
}

const SYNCED = '2024-06-30 20:00:00';

// ---------------------------------------------------------------------------------------------- customer
// Header of dbt_stripe's integration_tests/seeds/customer_data.csv.
const CUSTOMER_COLUMNS = [
  'id',
  '_fivetran_synced',
  'account_balance',
  'address_city',
  'address_country',
  'address_line_1',
  'address_line_2',
  'address_postal_code',
  'address_state',
  'balance',
  'bank_account_id',
  'created',
  'currency',
  'default_card_id',
  'delinquent',
  'description',
  'email',
  'invoice_prefix',
  'invoice_settings_default_payment_method',
  'invoice_settings_footer',
  'is_deleted',
  'livemode',
  'name',
  'phone',
  'shipping_address_city',
  'shipping_address_country',
  'shipping_address_line_1',
  'shipping_address_line_2',
  'shipping_address_postal_code',
  'shipping_address_state',
  'shipping_carrier',
  'shipping_name',
  'shipping_phone',
  'shipping_tracking_number',
  'source_id',
  'tax_exempt',
  'tax_info_tax_id',
  'tax_info_type',
  'tax_info_verification_status',
  'tax_info_verification_verified_name',
  'metadata',
] as const;

function customer(
  id: string,
  created: string,
  fields: { name?: string; email?: string; metadata?: string; currency?: string; is_deleted?: boolean },
): Row {
  return {
    id,
    _fivetran_synced: SYNCED,
    account_balance: 0,
    balance: 0,
    created,
    currency: fields.currency ?? 'usd',
    delinquent: false,
    email: fields.email,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    is_deleted: fields.is_deleted ?? false,
    livemode: true,
    name: fields.name,
    tax_exempt: 'none',
    metadata: fields.metadata,
  };
}

export const CUSTOMERS: Row[] = [
  customer('cus_up', '2024-01-10 09:00:00', {
    name: 'Upgrade Co',
    email: 'ops@upgrade.example',
    metadata: '{"segment":"smb","region":"emea","acquisition_channel":"ads"}',
  }),
  // No name: the account's name is the email.
  customer('cus_down', '2024-01-15 07:00:00', {
    email: 'billing@downgrade.example',
    metadata: '{"segment":"mid_market"}',
  }),
  // Deleted customers are kept; an empty metadata object gives unknown everywhere.
  customer('cus_cancel', '2024-02-05 07:00:00', { name: 'Cancel Inc', metadata: '{}', is_deleted: true }),
  // An extra metadata key is ignored.
  customer('cus_addon', '2024-02-28 16:00:00', {
    name: 'Addon GmbH',
    metadata: '{"segment":"enterprise","region":"emea","acquisition_channel":"sales","plan_tier":"gold"}',
    currency: 'usd',
  }),
  // No metadata at all (empty cell).
  customer('cus_trial', '2024-01-25 11:00:00', { name: 'Trial Labs' }),
  customer('cus_qtr', '2024-01-20 13:00:00', {
    name: 'Quarterly LLC',
    metadata: '{"segment":"smb","region":"na","acquisition_channel":"organic"}',
  }),
  customer('cus_year', '2023-10-30 12:00:00', {
    name: 'Annual SA',
    metadata: '{"segment":"enterprise","region":"latam","acquisition_channel":"partner"}',
  }),
  customer('cus_jpy', '2024-02-01 02:00:00', {
    name: 'Tokyo KK',
    currency: 'jpy',
    metadata: '{"segment":"mid_market","region":"apac","acquisition_channel":"organic"}',
  }),
  customer('cus_kwd', '2024-03-10 05:00:00', {
    name: 'Kuwait Trading',
    currency: 'kwd',
    metadata: '{"segment":"smb","region":"mea","acquisition_channel":"ads"}',
  }),
  customer('cus_void', '2024-03-31 22:00:00', { name: 'Void Ventures', metadata: '{"region":"na"}' }),
  customer('cus_unc', '2024-05-04 20:00:00', { name: 'Unpaid Corp', metadata: '{"segment":"smb"}' }),
  customer('cus_cn', '2024-01-04 18:00:00', {
    name: 'Credit Co',
    metadata: '{"acquisition_channel":"referral"}',
  }),
  // Neither name nor email; never invoiced.
  customer('cus_lead', '2024-06-20 10:00:00', { metadata: '{"segment":"smb"}' }),
  // cus_ghost (scenario 11) is deliberately absent.
];

// ------------------------------------------------------------------------------------ price and product
// Header of dbt_stripe's integration_tests/seeds/price_data.csv.
const PRICE_COLUMNS = [
  'id',
  '_fivetran_synced',
  'active',
  'billing_scheme',
  'created',
  'currency',
  'invoice_item_id',
  'is_deleted',
  'livemode',
  'lookup_key',
  'metadata',
  'nickname',
  'product_id',
  'recurring_aggregate_usage',
  'recurring_interval',
  'recurring_interval_count',
  'recurring_usage_type',
  'tiers_mode',
  'transform_quantity_divide_by',
  'transform_quantity_round',
  'type',
  'unit_amount',
  'unit_amount_decimal',
] as const;

function price(
  id: string,
  currency: string,
  unitAmount: number,
  productId: string,
  nickname: string | undefined,
  recurring: { interval: string; count: number } | undefined,
): Row {
  return {
    id,
    _fivetran_synced: SYNCED,
    active: true,
    billing_scheme: 'per_unit',
    created: '2023-06-01 12:00:00',
    currency,
    is_deleted: false,
    livemode: true,
    metadata: '{}',
    nickname,
    product_id: productId,
    recurring_interval: recurring?.interval,
    recurring_interval_count: recurring?.count,
    recurring_usage_type: recurring ? 'licensed' : undefined,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount,
  };
}

const MONTHLY = { interval: 'month', count: 1 };
export const PRICES: Row[] = [
  price('price_basic', 'usd', 3000, 'prod_basic', 'Basic monthly', MONTHLY),
  price('price_pro', 'usd', 9000, 'prod_pro', 'Pro monthly', MONTHLY),
  price('price_team_monthly', 'usd', 5000, 'prod_team', 'Team monthly', MONTHLY),
  // month × 3 → quarter; plan = the product's name "Team", not the nickname.
  price('price_team_quarterly', 'usd', 27000, 'prod_team', 'Team quarterly', { interval: 'month', count: 3 }),
  // year × 1 → year.
  price('price_pro_annual', 'usd', 120000, 'prod_pro', 'Pro annual', { interval: 'year', count: 1 }),
  price('price_seat', 'usd', 1500, 'prod_seats', undefined, MONTHLY),
  // month × 12 → year; its product is not in product.csv and it has no nickname: plan = the price id.
  price('price_jpy_annual', 'jpy', 120000, 'prod_jp_retired', undefined, { interval: 'month', count: 12 }),
  // Its product is not in product.csv: plan = the nickname.
  price('price_kwd_monthly', 'kwd', 15500, 'prod_kw_retired', 'Pro (KWD)', MONTHLY),
  price('price_onboarding', 'usd', 5000, 'prod_onboarding', 'Onboarding fee', undefined),
];

// Header of dbt_stripe's integration_tests/seeds/product_data.csv.
const PRODUCT_COLUMNS = [
  'id',
  '_fivetran_synced',
  'active',
  'caption',
  'created',
  'description',
  'is_deleted',
  'livemode',
  'metadata',
  'name',
  'package_dimensions_height',
  'package_dimensions_length',
  'package_dimensions_weight',
  'package_dimensions_width',
  'shippable',
  'statement_descriptor',
  'type',
  'unit_label',
  'updated',
  'url',
] as const;

function product(id: string, name: string): Row {
  return {
    id,
    _fivetran_synced: SYNCED,
    active: true,
    created: '2023-05-01 09:00:00',
    is_deleted: false,
    livemode: true,
    metadata: '{}',
    name,
    type: 'service',
    updated: '2023-05-01 09:00:00',
  };
}

export const PRODUCTS: Row[] = [
  product('prod_basic', 'Basic'),
  product('prod_pro', 'Pro'),
  product('prod_team', 'Team'),
  product('prod_seats', 'Extra seats'),
  product('prod_onboarding', 'Onboarding'),
];

// ------------------------------------------------------------------------------ invoice and its lines
// dbt_stripe's macros/staging/get_invoice_columns.sql, id first.
const INVOICE_COLUMNS = [
  'id',
  '_fivetran_synced',
  'amount_due',
  'amount_paid',
  'amount_remaining',
  'application_fee_amount',
  'post_payment_credit_notes_amount',
  'pre_payment_credit_notes_amount',
  'attempt_count',
  'attempted',
  'auto_advance',
  'billing',
  'billing_reason',
  'charge_id',
  'created',
  'currency',
  'customer_id',
  'date',
  'default_source_id',
  'description',
  'due_date',
  'ending_balance',
  'finalized_at',
  'footer',
  'hosted_invoice_url',
  'invoice_pdf',
  'is_deleted',
  'livemode',
  'metadata',
  'next_payment_attempt',
  'number',
  'paid',
  'default_payment_method_id',
  'payment_intent_id',
  'subscription_id',
  'period_end',
  'period_start',
  'receipt_number',
  'starting_balance',
  'statement_descriptor',
  'status',
  'status_transitions_finalized_at',
  'status_transitions_marked_uncollectible_at',
  'status_transitions_paid_at',
  'status_transitions_voided_at',
  'subscription_proration_date',
  'subtotal',
  'tax',
  'tax_percent',
  'threshold_reason_amount_gte',
  'total',
  'webhooks_delivered_at',
] as const;

// dbt_stripe's integration_tests/seeds/invoice_line_item_data.csv header, plus the price_id and
// invoice_item_id columns of macros/staging/get_invoice_line_item_columns.sql.
const LINE_COLUMNS = [
  'id',
  'invoice_id',
  '_fivetran_synced',
  'amount',
  'currency',
  'description',
  'discountable',
  'invoice_item_id',
  'livemode',
  'period_end',
  'period_start',
  'plan_id',
  'price_id',
  'proration',
  'quantity',
  'subscription_id',
  'subscription_item_id',
  'type',
  'unique_id',
  'metadata',
  'unit_amount_excluding_tax',
] as const;

interface LineSpec {
  readonly id: string;
  /** Signed, in minor units. */
  readonly amount: number;
  readonly price: string;
  readonly start: string;
  readonly end: string;
  readonly proration?: boolean;
  readonly quantity?: number;
  /** `subscription` (default) or `invoiceitem`. */
  readonly type?: string;
  /** Leave `price_id` empty and name the price in `plan_id` only (older exports). */
  readonly planIdOnly?: boolean;
  /** Leave `subscription_item_id` empty (older exports): the subscription id is used. */
  readonly noItem?: boolean;
  readonly item?: string;
  readonly description?: string;
}

interface InvoiceSpec {
  readonly id: string;
  readonly customer: string;
  readonly created: string;
  readonly status: 'paid' | 'open' | 'uncollectible' | 'void' | 'draft';
  readonly currency?: string;
  /** Minor units; 0 when absent. */
  readonly tax?: number;
  readonly subscription?: string;
  readonly lines: readonly LineSpec[];
}

const PRICE_BY_ID = new Map(PRICES.map((row) => [row.id as string, row]));

function invoiceRows(spec: InvoiceSpec): { invoice: Row; lines: Row[] } {
  const currency = spec.currency ?? 'usd';
  const subtotal = spec.lines.reduce((sum, line) => sum + line.amount, 0);
  const tax = spec.tax ?? 0;
  const total = subtotal + tax;
  const settled = spec.status === 'paid';
  const invoice: Row = {
    id: spec.id,
    _fivetran_synced: SYNCED,
    amount_due: Math.max(total, 0),
    amount_paid: settled ? Math.max(total, 0) : 0,
    amount_remaining: settled ? 0 : Math.max(total, 0),
    attempt_count: spec.status === 'draft' ? 0 : 1,
    attempted: spec.status !== 'draft',
    auto_advance: spec.status === 'draft',
    billing: 'charge_automatically',
    billing_reason: spec.lines.some((line) => line.proration) ? 'subscription_update' : 'subscription_cycle',
    created: spec.created,
    currency,
    customer_id: spec.customer,
    date: spec.created,
    ending_balance: spec.status === 'draft' ? undefined : 0,
    finalized_at: spec.status === 'draft' ? undefined : spec.created,
    is_deleted: false,
    livemode: true,
    metadata: '{}',
    number: spec.status === 'draft' ? undefined : spec.id.toUpperCase(),
    paid: settled,
    subscription_id: spec.subscription,
    period_end: spec.created,
    period_start: spec.created,
    starting_balance: 0,
    status: spec.status,
    status_transitions_finalized_at: spec.status === 'draft' ? undefined : spec.created,
    status_transitions_paid_at: settled ? spec.created : undefined,
    subtotal,
    tax,
    total,
  };
  const lines = spec.lines.map((line): Row => {
    const unitAmount = PRICE_BY_ID.get(line.price)?.unit_amount;
    if (unitAmount === undefined) throw new Error(`fixture bug: no price ${line.price}`);
    const isSubscription = (line.type ?? 'subscription') === 'subscription';
    return {
      id: line.id,
      invoice_id: spec.id,
      _fivetran_synced: SYNCED,
      amount: line.amount,
      currency,
      description: line.description,
      discountable: !line.proration,
      livemode: true,
      period_end: line.end,
      period_start: line.start,
      plan_id: isSubscription ? line.price : undefined,
      price_id: line.planIdOnly ? undefined : line.price,
      proration: line.proration ?? false,
      quantity: line.quantity ?? 1,
      subscription_id: isSubscription ? spec.subscription : undefined,
      subscription_item_id: isSubscription && !line.noItem ? line.item : undefined,
      type: line.type ?? 'subscription',
      unique_id: line.id,
      metadata: '{}',
      unit_amount_excluding_tax: String(unitAmount),
    };
  });
  return { invoice, lines };
}

/** A regular (non-proration) cycle line of one item. */
function cycle(
  id: string,
  item: string,
  price: string,
  start: string,
  end: string,
  amount: number,
): LineSpec {
  return { id, item, price, start, end, amount };
}

const INVOICES: InvoiceSpec[] = [
  // 1. Upgrade Basic (30/month) → Pro (90/month) on 2024-02-25 15:30, prorations on the next invoice.
  {
    id: 'in_up_1',
    customer: 'cus_up',
    created: '2024-01-10 10:00:00',
    status: 'paid',
    subscription: 'sub_up',
    lines: [cycle('il_up_1', 'si_up', 'price_basic', '2024-01-10 10:00:00', '2024-02-10 10:00:00', 3000)],
  },
  {
    id: 'in_up_2',
    customer: 'cus_up',
    created: '2024-02-10 10:00:00',
    status: 'paid',
    subscription: 'sub_up',
    lines: [cycle('il_up_2', 'si_up', 'price_basic', '2024-02-10 10:00:00', '2024-03-10 10:00:00', 3000)],
  },
  {
    // 14 of the cycle's 29 days left: credit −3000×14/29 ≈ −1448, debit 9000×14/29 ≈ 4345; tax 1190.
    id: 'in_up_3',
    customer: 'cus_up',
    created: '2024-03-10 10:00:00',
    status: 'paid',
    tax: 1190,
    subscription: 'sub_up',
    lines: [
      {
        id: 'il_up_3a',
        item: 'si_up',
        price: 'price_basic',
        start: '2024-02-25 15:30:00',
        end: '2024-03-10 10:00:00',
        amount: -1448,
        proration: true,
        description: 'Unused time on Basic after 25 Feb 2024',
      },
      {
        id: 'il_up_3b',
        item: 'si_up',
        price: 'price_pro',
        start: '2024-02-25 15:30:00',
        end: '2024-03-10 10:00:00',
        amount: 4345,
        proration: true,
        description: 'Remaining time on Pro after 25 Feb 2024',
      },
      cycle('il_up_3c', 'si_up', 'price_pro', '2024-03-10 10:00:00', '2024-04-10 10:00:00', 9000),
    ],
  },
  {
    id: 'in_up_4',
    customer: 'cus_up',
    created: '2024-04-10 10:00:00',
    status: 'paid',
    subscription: 'sub_up',
    lines: [cycle('il_up_4', 'si_up', 'price_pro', '2024-04-10 10:00:00', '2024-05-10 10:00:00', 9000)],
  },
  {
    id: 'in_up_5',
    customer: 'cus_up',
    created: '2024-05-10 10:00:00',
    status: 'paid',
    subscription: 'sub_up',
    lines: [cycle('il_up_5', 'si_up', 'price_pro', '2024-05-10 10:00:00', '2024-06-10 10:00:00', 9000)],
  },
  {
    id: 'in_up_6',
    customer: 'cus_up',
    created: '2024-06-10 10:00:00',
    status: 'paid',
    subscription: 'sub_up',
    lines: [cycle('il_up_6', 'si_up', 'price_pro', '2024-06-10 10:00:00', '2024-07-10 10:00:00', 9000)],
  },

  // 2. Downgrade Pro (90) → Basic (30) on 2024-03-01 00:00, prorations on the next invoice.
  {
    id: 'in_dn_1',
    customer: 'cus_down',
    created: '2024-01-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [cycle('il_dn_1', 'si_dn', 'price_pro', '2024-01-15 08:00:00', '2024-02-15 08:00:00', 9000)],
  },
  {
    id: 'in_dn_2',
    customer: 'cus_down',
    created: '2024-02-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [cycle('il_dn_2', 'si_dn', 'price_pro', '2024-02-15 08:00:00', '2024-03-15 08:00:00', 9000)],
  },
  {
    id: 'in_dn_3',
    customer: 'cus_down',
    created: '2024-03-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [
      {
        id: 'il_dn_3a',
        item: 'si_dn',
        price: 'price_pro',
        start: '2024-03-01 00:00:00',
        end: '2024-03-15 08:00:00',
        amount: -4345,
        proration: true,
        description: 'Unused time on Pro after 01 Mar 2024',
      },
      {
        id: 'il_dn_3b',
        item: 'si_dn',
        price: 'price_basic',
        start: '2024-03-01 00:00:00',
        end: '2024-03-15 08:00:00',
        amount: 1448,
        proration: true,
        description: 'Remaining time on Basic after 01 Mar 2024',
      },
      cycle('il_dn_3c', 'si_dn', 'price_basic', '2024-03-15 08:00:00', '2024-04-15 08:00:00', 3000),
    ],
  },
  {
    id: 'in_dn_4',
    customer: 'cus_down',
    created: '2024-04-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [cycle('il_dn_4', 'si_dn', 'price_basic', '2024-04-15 08:00:00', '2024-05-15 08:00:00', 3000)],
  },
  {
    id: 'in_dn_5',
    customer: 'cus_down',
    created: '2024-05-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [cycle('il_dn_5', 'si_dn', 'price_basic', '2024-05-15 08:00:00', '2024-06-15 08:00:00', 3000)],
  },
  {
    id: 'in_dn_6',
    customer: 'cus_down',
    created: '2024-06-15 08:00:00',
    status: 'paid',
    subscription: 'sub_dn',
    lines: [cycle('il_dn_6', 'si_dn', 'price_basic', '2024-06-15 08:00:00', '2024-07-15 08:00:00', 3000)],
  },

  // 3. Team monthly (50), cancelled immediately on 2024-04-20 23:30 inside the cycle paid until 05-05.
  {
    id: 'in_cx_1',
    customer: 'cus_cancel',
    created: '2024-02-05 08:00:00',
    status: 'paid',
    subscription: 'sub_cx',
    lines: [
      cycle('il_cx_1', 'si_cx', 'price_team_monthly', '2024-02-05 08:00:00', '2024-03-05 08:00:00', 5000),
    ],
  },
  {
    id: 'in_cx_2',
    customer: 'cus_cancel',
    created: '2024-03-05 08:00:00',
    status: 'paid',
    subscription: 'sub_cx',
    lines: [
      cycle('il_cx_2', 'si_cx', 'price_team_monthly', '2024-03-05 08:00:00', '2024-04-05 08:00:00', 5000),
    ],
  },
  {
    id: 'in_cx_3',
    customer: 'cus_cancel',
    created: '2024-04-05 08:00:00',
    status: 'paid',
    subscription: 'sub_cx',
    lines: [
      cycle('il_cx_3', 'si_cx', 'price_team_monthly', '2024-04-05 08:00:00', '2024-05-05 08:00:00', 5000),
    ],
  },

  // 4. A base item (Pro) and, from 2024-04-16, an add-on item (3 × Extra seats at 15) on one subscription.
  {
    id: 'in_ad_1',
    customer: 'cus_addon',
    created: '2024-03-01 00:00:00',
    status: 'paid',
    subscription: 'sub_ad',
    lines: [cycle('il_ad_1', 'si_ad_base', 'price_pro', '2024-03-01 00:00:00', '2024-04-01 00:00:00', 9000)],
  },
  {
    id: 'in_ad_2',
    customer: 'cus_addon',
    created: '2024-04-01 00:00:00',
    status: 'paid',
    subscription: 'sub_ad',
    lines: [cycle('il_ad_2', 'si_ad_base', 'price_pro', '2024-04-01 00:00:00', '2024-05-01 00:00:00', 9000)],
  },
  {
    id: 'in_ad_3',
    customer: 'cus_addon',
    created: '2024-05-01 00:00:00',
    status: 'paid',
    subscription: 'sub_ad',
    lines: [
      {
        // 15 of April's 30 days: 4500 × 15/30 = 2250.
        id: 'il_ad_3a',
        item: 'si_ad_seats',
        price: 'price_seat',
        quantity: 3,
        start: '2024-04-16 09:00:00',
        end: '2024-05-01 00:00:00',
        amount: 2250,
        proration: true,
        description: 'Remaining time on 3 × Extra seats after 16 Apr 2024',
      },
      cycle('il_ad_3b', 'si_ad_base', 'price_pro', '2024-05-01 00:00:00', '2024-06-01 00:00:00', 9000),
      {
        ...cycle('il_ad_3c', 'si_ad_seats', 'price_seat', '2024-05-01 00:00:00', '2024-06-01 00:00:00', 4500),
        quantity: 3,
      },
    ],
  },
  {
    id: 'in_ad_4',
    customer: 'cus_addon',
    created: '2024-06-01 00:00:00',
    status: 'paid',
    subscription: 'sub_ad',
    lines: [
      cycle('il_ad_4a', 'si_ad_base', 'price_pro', '2024-06-01 00:00:00', '2024-07-01 00:00:00', 9000),
      {
        ...cycle('il_ad_4b', 'si_ad_seats', 'price_seat', '2024-06-01 00:00:00', '2024-07-01 00:00:00', 4500),
        quantity: 3,
      },
    ],
  },

  // 5. A 14-day trial (a 0 line) from 2024-01-25 12:00, then Basic (30) from 2024-02-08 12:00.
  {
    id: 'in_tr_1',
    customer: 'cus_trial',
    created: '2024-01-25 12:00:00',
    status: 'paid',
    subscription: 'sub_tr',
    lines: [
      {
        ...cycle('il_tr_1', 'si_tr', 'price_basic', '2024-01-25 12:00:00', '2024-02-08 12:00:00', 0),
        description: 'Trial period for Basic',
      },
    ],
  },
  ...[
    ['2', '2024-02-08 12:00:00', '2024-03-08 12:00:00'],
    ['3', '2024-03-08 12:00:00', '2024-04-08 12:00:00'],
    ['4', '2024-04-08 12:00:00', '2024-05-08 12:00:00'],
    ['5', '2024-05-08 12:00:00', '2024-06-08 12:00:00'],
    ['6', '2024-06-08 12:00:00', '2024-07-08 12:00:00'],
  ].map(
    ([n, start, end]): InvoiceSpec => ({
      id: `in_tr_${n}`,
      customer: 'cus_trial',
      created: start!,
      status: 'paid',
      subscription: 'sub_tr',
      lines: [cycle(`il_tr_${n}`, 'si_tr', 'price_basic', start!, end!, 3000)],
    }),
  ),

  // 6. A quarterly price (Team, 270 per quarter) and an annual one (Pro, 1200 per year).
  {
    id: 'in_q_1',
    customer: 'cus_qtr',
    created: '2024-01-20 14:00:00',
    status: 'paid',
    subscription: 'sub_q',
    lines: [
      cycle('il_q_1', 'si_q', 'price_team_quarterly', '2024-01-20 14:00:00', '2024-04-20 14:00:00', 27000),
    ],
  },
  {
    id: 'in_q_2',
    customer: 'cus_qtr',
    created: '2024-04-20 14:00:00',
    status: 'paid',
    subscription: 'sub_q',
    lines: [
      cycle('il_q_2', 'si_q', 'price_team_quarterly', '2024-04-20 14:00:00', '2024-07-20 14:00:00', 27000),
    ],
  },
  {
    id: 'in_y_1',
    customer: 'cus_year',
    created: '2023-11-01 00:00:00',
    status: 'paid',
    subscription: 'sub_y',
    lines: [
      {
        ...cycle('il_y_1', 'si_y', 'price_pro_annual', '2023-11-01 00:00:00', '2024-11-01 00:00:00', 120000),
        planIdOnly: true,
      },
    ],
  },

  // 7. JPY (zero-decimal): ¥120,000 a year (month × 12), tax ¥12,000. KWD (three decimals): 15.500 a month.
  {
    id: 'in_jp_1',
    customer: 'cus_jpy',
    created: '2024-02-01 03:00:00',
    status: 'paid',
    currency: 'jpy',
    tax: 12000,
    subscription: 'sub_jp',
    lines: [
      cycle('il_jp_1', 'si_jp', 'price_jpy_annual', '2024-02-01 03:00:00', '2025-02-01 03:00:00', 120000),
    ],
  },
  ...[
    ['1', '2024-03-10 06:00:00', '2024-04-10 06:00:00'],
    ['2', '2024-04-10 06:00:00', '2024-05-10 06:00:00'],
    ['3', '2024-05-10 06:00:00', '2024-06-10 06:00:00'],
    ['4', '2024-06-10 06:00:00', '2024-07-10 06:00:00'],
  ].map(
    ([n, start, end]): InvoiceSpec => ({
      id: `in_kw_${n}`,
      customer: 'cus_kwd',
      created: start!,
      status: 'paid',
      currency: 'kwd',
      subscription: 'sub_kw',
      lines: [cycle(`il_kw_${n}`, 'si_kw', 'price_kwd_monthly', start!, end!, 15500)],
    }),
  ),

  // 8. Paid April (with a one-off onboarding fee line), void May, draft June.
  {
    id: 'in_vd_1',
    customer: 'cus_void',
    created: '2024-04-01 00:00:00',
    status: 'paid',
    subscription: 'sub_vd',
    lines: [
      cycle('il_vd_1', 'si_vd', 'price_basic', '2024-04-01 00:00:00', '2024-05-01 00:00:00', 3000),
      {
        id: 'il_vd_1b',
        type: 'invoiceitem',
        price: 'price_onboarding',
        start: '2024-04-01 00:00:00',
        end: '2024-04-01 00:00:00',
        amount: 5000,
        description: 'Onboarding fee',
      },
    ],
  },
  {
    id: 'in_vd_2',
    customer: 'cus_void',
    created: '2024-05-01 00:00:00',
    status: 'void',
    subscription: 'sub_vd',
    lines: [cycle('il_vd_2', 'si_vd', 'price_basic', '2024-05-01 00:00:00', '2024-06-01 00:00:00', 3000)],
  },

  // 11. An invoice of a customer missing from customer.csv (placed mid-file on purpose).
  {
    id: 'in_gh_1',
    customer: 'cus_ghost',
    created: '2024-03-03 00:00:00',
    status: 'paid',
    subscription: 'sub_gh',
    lines: [cycle('il_gh_1', 'si_gh', 'price_basic', '2024-03-03 00:00:00', '2024-04-03 00:00:00', 3000)],
  },

  {
    id: 'in_vd_3',
    customer: 'cus_void',
    created: '2024-06-01 00:00:00',
    status: 'draft',
    subscription: 'sub_vd',
    lines: [cycle('il_vd_3', 'si_vd', 'price_basic', '2024-06-01 00:00:00', '2024-07-01 00:00:00', 3000)],
  },

  // 9. Paid May, uncollectible June. An older export: no subscription_item_id on its lines.
  {
    id: 'in_un_1',
    customer: 'cus_unc',
    created: '2024-05-05 00:00:00',
    status: 'paid',
    subscription: 'sub_un',
    lines: [
      {
        ...cycle('il_un_1', 'si_un', 'price_basic', '2024-05-05 00:00:00', '2024-06-05 00:00:00', 3000),
        noItem: true,
      },
    ],
  },
  {
    id: 'in_un_2',
    customer: 'cus_unc',
    created: '2024-06-05 00:00:00',
    status: 'uncollectible',
    subscription: 'sub_un',
    lines: [
      {
        ...cycle('il_un_2', 'si_un', 'price_basic', '2024-06-05 00:00:00', '2024-07-05 00:00:00', 3000),
        noItem: true,
      },
    ],
  },

  // 10. Three paid invoices of Basic with 10% tax; credit notes in credit_note.csv.
  ...[
    ['1', '2024-01-05 00:00:00', '2024-02-05 00:00:00'],
    ['2', '2024-02-05 00:00:00', '2024-03-05 00:00:00'],
    ['3', '2024-03-05 00:00:00', '2024-04-05 00:00:00'],
  ].map(
    ([n, start, end]): InvoiceSpec => ({
      id: `in_cn_${n}`,
      customer: 'cus_cn',
      created: start!,
      status: 'paid',
      tax: 300,
      subscription: 'sub_cn',
      lines: [cycle(`il_cn_${n}`, 'si_cn', 'price_basic', start!, end!, 3000)],
    }),
  ),
];

const BUILT = INVOICES.map(invoiceRows);
export const INVOICE_ROWS: Row[] = BUILT.map((built) => built.invoice);
export const LINE_ROWS: Row[] = BUILT.flatMap((built) => built.lines);

// ------------------------------------------------------------------------------------------ subscription
// dbt_stripe's macros/staging/get_subscription_columns.sql, id first. Timestamps as epoch seconds.
const SUBSCRIPTION_COLUMNS = [
  'id',
  '_fivetran_synced',
  '_fivetran_active',
  'application_fee_percent',
  'billing',
  'billing_cycle_anchor',
  'billing_threshold_amount_gte',
  'billing_threshold_reset_billing_cycle_anchor',
  'cancel_at',
  'cancel_at_period_end',
  'canceled_at',
  'created',
  'current_period_end',
  'current_period_start',
  'customer_id',
  'days_until_due',
  'default_source_id',
  'ended_at',
  'latest_invoice_id',
  'default_payment_method_id',
  'pending_setup_intent_id',
  'livemode',
  'metadata',
  'quantity',
  'start_date',
  'status',
  'tax_percent',
  'trial_end',
  'trial_start',
  'pause_collection_behavior',
  'pause_collection_resumes_at',
] as const;

function subscription(
  id: string,
  customerId: string,
  start: string,
  currentPeriod: [string, string],
  fields: { status?: string; ended_at?: string; canceled_at?: string; trial?: [string, string] } = {},
): Row {
  const epoch = (utc: string | undefined) => (utc === undefined ? undefined : epochSeconds(utc));
  return {
    id,
    _fivetran_synced: SYNCED,
    _fivetran_active: true,
    billing: 'charge_automatically',
    billing_cycle_anchor: epoch(fields.trial?.[1] ?? start),
    cancel_at_period_end: false,
    canceled_at: epoch(fields.canceled_at),
    created: epoch(start),
    current_period_end: epoch(currentPeriod[1]),
    current_period_start: epoch(currentPeriod[0]),
    customer_id: customerId,
    ended_at: epoch(fields.ended_at),
    livemode: true,
    metadata: '{}',
    quantity: 1,
    start_date: epoch(start),
    status: fields.status ?? 'active',
    trial_end: epoch(fields.trial?.[1]),
    trial_start: epoch(fields.trial?.[0]),
  };
}

export const SUBSCRIPTIONS: Row[] = [
  subscription('sub_up', 'cus_up', '2024-01-10 10:00:00', ['2024-06-10 10:00:00', '2024-07-10 10:00:00']),
  subscription('sub_dn', 'cus_down', '2024-01-15 08:00:00', ['2024-06-15 08:00:00', '2024-07-15 08:00:00']),
  // Cancelled immediately: ended_at inside the cycle paid until 2024-05-05.
  subscription(
    'sub_cx',
    'cus_cancel',
    '2024-02-05 08:00:00',
    ['2024-04-05 08:00:00', '2024-05-05 08:00:00'],
    {
      status: 'canceled',
      canceled_at: '2024-04-20 23:30:00',
      ended_at: '2024-04-20 23:30:00',
    },
  ),
  subscription('sub_ad', 'cus_addon', '2024-03-01 00:00:00', ['2024-06-01 00:00:00', '2024-07-01 00:00:00']),
  subscription('sub_tr', 'cus_trial', '2024-01-25 12:00:00', ['2024-06-08 12:00:00', '2024-07-08 12:00:00'], {
    trial: ['2024-01-25 12:00:00', '2024-02-08 12:00:00'],
  }),
  subscription('sub_q', 'cus_qtr', '2024-01-20 14:00:00', ['2024-04-20 14:00:00', '2024-07-20 14:00:00']),
  subscription('sub_y', 'cus_year', '2023-11-01 00:00:00', ['2023-11-01 00:00:00', '2024-11-01 00:00:00']),
  subscription('sub_jp', 'cus_jpy', '2024-02-01 03:00:00', ['2024-02-01 03:00:00', '2025-02-01 03:00:00']),
  subscription('sub_kw', 'cus_kwd', '2024-03-10 06:00:00', ['2024-06-10 06:00:00', '2024-07-10 06:00:00']),
  subscription('sub_vd', 'cus_void', '2024-04-01 00:00:00', ['2024-06-01 00:00:00', '2024-07-01 00:00:00'], {
    status: 'past_due',
  }),
  subscription('sub_un', 'cus_unc', '2024-05-05 00:00:00', ['2024-06-05 00:00:00', '2024-07-05 00:00:00'], {
    status: 'unpaid',
  }),
  // Cancelled at the end of its last paid cycle.
  subscription('sub_cn', 'cus_cn', '2024-01-05 00:00:00', ['2024-03-05 00:00:00', '2024-04-05 00:00:00'], {
    status: 'canceled',
    canceled_at: '2024-03-20 10:00:00',
    ended_at: '2024-04-05 00:00:00',
  }),
];

// ------------------------------------------------------------------------------------------- credit_note
// dbt_stripe's macros/staging/get_credit_note_columns.sql, id first, plus Stripe API's `tax_amounts` (a
// JSON list of {amount, …}). Timestamps as epoch seconds.
const CREDIT_NOTE_COLUMNS = [
  'id',
  '_fivetran_synced',
  'amount',
  'created',
  'currency',
  'discount_amount',
  'subtotal',
  'total',
  'livemode',
  'memo',
  'metadata',
  'number',
  'pdf',
  'reason',
  'status',
  'type',
  'voided_at',
  'customer_balance_transaction',
  'invoice_id',
  'refund_id',
  'tax_amounts',
] as const;

function creditNote(
  id: string,
  invoiceId: string,
  created: string,
  fields: { amount: number; subtotal?: number; tax_amounts?: string; status?: string },
): Row {
  return {
    id,
    _fivetran_synced: SYNCED,
    amount: fields.amount,
    created: epochSeconds(created),
    currency: 'usd',
    discount_amount: 0,
    subtotal: fields.subtotal,
    total: fields.amount,
    livemode: true,
    metadata: '{}',
    number: `${id.toUpperCase()}-01`,
    reason: 'order_change',
    status: fields.status ?? 'issued',
    type: 'post_payment',
    voided_at: fields.status === 'void' ? epochSeconds(created) : undefined,
    invoice_id: invoiceId,
    tax_amounts: fields.tax_amounts,
  };
}

export const CREDIT_NOTES: Row[] = [
  // subtotal present (it wins over tax_amounts): −1000 → −10.00.
  creditNote('cn_1', 'in_cn_1', '2024-01-20 23:45:00', {
    amount: 1100,
    subtotal: 1000,
    tax_amounts: '[{"amount":100,"inclusive":false,"tax_rate":"txr_10"}]',
  }),
  // no subtotal: −(2200 − (150 + 50)) = −2000 → −20.00.
  creditNote('cn_2', 'in_cn_2', '2024-02-20 09:00:00', {
    amount: 2200,
    tax_amounts:
      '[{"amount":150,"inclusive":false,"tax_rate":"txr_a"},{"amount":50,"inclusive":false,"tax_rate":"txr_b"}]',
  }),
  // neither subtotal nor tax_amounts: −550 → −5.50.
  creditNote('cn_3', 'in_cn_3', '2024-03-20 23:45:00', { amount: 550 }),
  // void: no invoice row.
  creditNote('cn_4', 'in_cn_3', '2024-03-25 10:00:00', { amount: 1000, subtotal: 1000, status: 'void' }),
];

// ------------------------------------------------------------------------------------------------ files
/** Physical line (header = 1) of the row with this id in a table's CSV. */
export function lineOf(rows: readonly Row[], id: string): number {
  const index = rows.findIndex((row) => row.id === id);
  if (index < 0) throw new Error(`fixture bug: no row ${id}`);
  return index + 2;
}

/** FX rates (canonical `fx_rates.csv`): units of USD for one unit of the currency. */
export const FX_RATES_CSV =
  'date,currency,rate\n' +
  '2024-01-01,JPY,0.0070\n' +
  '2024-04-01,JPY,0.0065\n' +
  '2024-01-01,KWD,3.25\n' +
  '2024-04-01,KWD,3.30\n';

export const AS_OF = '2024-06-30';

/** The data folder: the Stripe tables under `stripe/`, fx rates canonical beside them. */
export function stripeDataFolder(): Record<string, string> {
  return {
    'stripe/customer.csv': csvText(CUSTOMER_COLUMNS, CUSTOMERS),
    'stripe/price.csv': csvText(PRICE_COLUMNS, PRICES),
    'stripe/product.csv': csvText(PRODUCT_COLUMNS, PRODUCTS),
    'stripe/invoice.csv': csvText(INVOICE_COLUMNS, INVOICE_ROWS),
    'stripe/invoice_line_item.csv': csvText(LINE_COLUMNS, LINE_ROWS),
    'stripe/subscription.csv': csvText(SUBSCRIPTION_COLUMNS, SUBSCRIPTIONS),
    'stripe/credit_note.csv': csvText(CREDIT_NOTE_COLUMNS, CREDIT_NOTES),
    'fx_rates.csv': FX_RATES_CSV,
  };
}

export const STRIPE_CONFIG = {
  reporting_currency: 'USD',
  as_of: AS_OF,
  presets: { stripe: { path: 'stripe/' } },
};
