// Ledgerly, a made-up accounts-payable automation SaaS, and its customers: one line per customer,
// hand-written so that every behaviour the Stripe preset has to get right happens at least once and the
// README can tell each story. Dates are UTC.

/** The last day that counts (pulse.config.json `as_of`): November 2026 is the partial last month. */
export const AS_OF = '2026-11-20';
/** The first month of the company's Stripe account. */
export const FIRST_MONTH = '2025-06';

export type Tier = 'Tier 1' | 'Tier 2' | 'Tier 3';
export type Engagement = 'high' | 'medium' | 'low';

/** A change to a running subscription. */
export type Change =
  /** Swap the base item's price (plan change); `now` prorates on an immediate invoice, `period_end` waits. */
  | {
      readonly at: string;
      readonly kind: 'price';
      readonly price: string;
      readonly timing: 'now' | 'period_end';
    }
  /** Add an item mid-cycle; its proration waits for the next invoice (Stripe's default). */
  | { readonly at: string; readonly kind: 'add'; readonly price: string; readonly quantity: number }
  /** Change an item's quantity (seats) with an immediate prorated invoice. */
  | { readonly at: string; readonly kind: 'quantity'; readonly item: number; readonly quantity: number };

export interface SubscriptionStory {
  /** Default: the customer's signup. */
  readonly start?: string;
  readonly trialDays?: number;
  readonly price: string;
  readonly quantity?: number;
  /** A coupon of percent_off for the first `cycles` invoices. */
  readonly coupon?: { readonly percentOff: number; readonly cycles: number };
  readonly changes?: readonly Change[];
  /** `period_end`: cancel_at_period_end, ends with the cycle; `now`: ends at once, unused time credited. */
  readonly cancel?: { readonly at: string; readonly timing: 'period_end' | 'now' };
  /** The trial never converts: the subscription ends with the trial. */
  readonly trialOnly?: boolean;
  /** Invoices from this day on are never paid; the subscription is canceled 21 days after the first. */
  readonly unpaidFrom?: string;
  /** Invoices are due this many days after they are sent (open until then). */
  readonly netDays?: number;
  /** The invoice of this month is voided (wrong tax id) and sent again the same day. */
  readonly voidInvoiceOf?: string;
}

export interface CustomerStory {
  readonly name: string;
  readonly domain: string;
  readonly country: string;
  readonly tier: Tier;
  /** HubSpot's Original Source Type. */
  readonly source: string;
  /** Stripe customer creation (the product signup), UTC. */
  readonly signup: string;
  /** US sales tax rate on invoices, when the customer is taxed. */
  readonly taxRate?: number;
  readonly engagement: Engagement;
  readonly subscriptions: readonly SubscriptionStory[];
  /** In HubSpot but never given a Stripe Customer ID (pays by bank transfer): quarantined. */
  readonly notInStripe?: boolean;
  /** In Stripe but not in HubSpot (an internal test customer): its rows are orphans. */
  readonly notInHubspot?: boolean;
}

const NY_TAX = 0.08875;

export const CUSTOMERS: readonly CustomerStory[] = [
  {
    name: 'Brightwave Dental Group',
    domain: 'brightwavedental.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-06-03T10:12:09Z',
    taxRate: NY_TAX,
    engagement: 'high',
    subscriptions: [
      {
        price: 'starter_usd_month',
        trialDays: 14,
        changes: [{ at: '2025-10-14T15:30:00Z', kind: 'price', price: 'growth_usd_month', timing: 'now' }],
      },
    ],
  },
  {
    name: 'Kessler Maschinenbau GmbH',
    domain: 'kessler-mb.de',
    country: 'Germany',
    tier: 'Tier 2',
    source: 'Paid Search',
    signup: '2025-06-05T08:40:51Z',
    engagement: 'high',
    subscriptions: [
      {
        price: 'growth_eur_month',
        trialDays: 14,
        changes: [{ at: '2025-09-18T09:05:00Z', kind: 'add', price: 'reporting_eur_month', quantity: 5 }],
      },
    ],
  },
  {
    name: 'Northfield Logistics Inc.',
    domain: 'northfieldlogistics.com',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2025-06-09T14:02:33Z',
    engagement: 'high',
    subscriptions: [{ price: 'scale_usd_year', netDays: 30 }],
  },
  {
    name: 'Sakura Foods K.K.',
    domain: 'sakurafoods.co.jp',
    country: 'Japan',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2025-06-12T02:15:40Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_jpy_month', trialDays: 14 }],
  },
  {
    name: 'Pinecrest Property Management',
    domain: 'pinecrestpm.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2025-06-16T17:48:02Z',
    engagement: 'low',
    subscriptions: [
      {
        price: 'starter_usd_month',
        trialDays: 14,
        cancel: { at: '2025-12-20T11:00:00Z', timing: 'period_end' },
      },
    ],
  },
  {
    name: 'Atelier Moreau SARL',
    domain: 'ateliermoreau.fr',
    country: 'France',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-06-19T09:31:17Z',
    engagement: 'medium',
    subscriptions: [{ price: 'starter_eur_month', voidInvoiceOf: '2025-11' }],
  },
  {
    name: 'Harbor & Finch Accounting LLP',
    domain: 'harborfinch.com',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2025-06-23T15:20:45Z',
    engagement: 'high',
    subscriptions: [{ price: 'growth_usd_quarter', trialDays: 14 }],
  },
  {
    name: 'Vantablue Studios',
    domain: 'vantablue.studio',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Direct Traffic',
    signup: '2025-06-26T20:05:12Z',
    engagement: 'low',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14, trialOnly: true }],
  },
  {
    name: 'Meridian Health Partners',
    domain: 'meridianhp.org',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2025-07-01T13:00:00Z',
    engagement: 'low',
    subscriptions: [
      { price: 'scale_usd_year', netDays: 30, cancel: { at: '2026-05-20T16:45:00Z', timing: 'period_end' } },
    ],
  },
  {
    name: 'Van Dijk Installatietechniek B.V.',
    domain: 'vandijk-installatie.nl',
    country: 'Netherlands',
    tier: 'Tier 2',
    source: 'Paid Search',
    signup: '2025-07-08T07:55:29Z',
    engagement: 'medium',
    subscriptions: [
      {
        price: 'growth_eur_month',
        trialDays: 14,
        changes: [
          { at: '2026-03-02T10:10:00Z', kind: 'price', price: 'starter_eur_month', timing: 'period_end' },
        ],
      },
    ],
  },
  {
    name: 'Copperleaf Coffee Roasters',
    domain: 'copperleafcoffee.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-07-14T16:42:08Z',
    engagement: 'medium',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14, coupon: { percentOff: 20, cycles: 3 } }],
  },
  {
    name: 'Tanaka Precision Co., Ltd.',
    domain: 'tanaka-precision.co.jp',
    country: 'Japan',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2025-07-22T01:30:00Z',
    engagement: 'high',
    subscriptions: [{ price: 'scale_jpy_year' }],
  },
  {
    name: 'Redline Fitness Clubs',
    domain: 'redlinefitness.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2025-08-04T18:11:54Z',
    engagement: 'low',
    subscriptions: [{ price: 'growth_usd_month', trialDays: 14, unpaidFrom: '2026-03-01' }],
  },
  {
    name: 'Oakridge Veterinary Clinics',
    domain: 'oakridgevet.com',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2025-08-11T14:27:36Z',
    engagement: 'high',
    subscriptions: [
      {
        price: 'growth_usd_month',
        trialDays: 14,
        changes: [
          { at: '2025-12-03T10:00:00Z', kind: 'add', price: 'reporting_usd_month', quantity: 3 },
          { at: '2026-05-12T15:40:00Z', kind: 'quantity', item: 1, quantity: 6 },
        ],
      },
    ],
  },
  {
    name: 'Lumos Energía S.L.',
    domain: 'lumosenergia.es',
    country: 'Spain',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-08-19T10:03:21Z',
    engagement: 'low',
    subscriptions: [{ price: 'starter_eur_month', cancel: { at: '2026-02-10T12:00:00Z', timing: 'now' } }],
  },
  {
    name: 'Bluestem Architecture',
    domain: 'bluestem-arch.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Direct Traffic',
    signup: '2025-08-27T19:36:44Z',
    engagement: 'medium',
    subscriptions: [
      {
        price: 'starter_usd_month',
        trialDays: 14,
        cancel: { at: '2026-01-15T09:00:00Z', timing: 'period_end' },
      },
      { price: 'growth_usd_month', start: '2026-06-08T14:14:14Z' },
    ],
  },
  {
    name: 'Greystone Capital Advisors',
    domain: 'greystonecap.com',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2025-09-02T15:00:00Z',
    taxRate: NY_TAX,
    engagement: 'medium',
    subscriptions: [{ price: 'scale_usd_year', netDays: 30 }],
  },
  {
    name: 'Cliffside Outdoor Ltd',
    domain: 'cliffsideoutdoor.ie',
    country: 'Ireland',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2025-09-09T11:22:33Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_eur_month', trialDays: 14 }],
  },
  {
    name: 'Summit Ridge Schools',
    domain: 'summitridge.edu',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2025-09-15T16:05:00Z',
    engagement: 'low',
    subscriptions: [
      { price: 'growth_usd_quarter', cancel: { at: '2026-08-01T13:30:00Z', timing: 'period_end' } },
    ],
  },
  {
    name: 'Halcyon Hotels Group',
    domain: 'halcyonhotels.com',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2025-10-06T14:45:10Z',
    engagement: 'high',
    subscriptions: [{ price: 'scale_usd_year', netDays: 30 }],
  },
  {
    name: 'Kobe Design Works',
    domain: 'kobedesign.jp',
    country: 'Japan',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-10-14T04:50:00Z',
    engagement: 'low',
    subscriptions: [
      {
        price: 'growth_jpy_month',
        trialDays: 14,
        cancel: { at: '2026-06-20T06:00:00Z', timing: 'period_end' },
      },
    ],
  },
  {
    name: 'Ironclad Security Services',
    domain: 'ironcladsecurity.com',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Paid Search',
    signup: '2025-10-21T13:13:13Z',
    engagement: 'high',
    subscriptions: [
      {
        price: 'growth_usd_month',
        trialDays: 14,
        changes: [{ at: '2026-01-13T16:20:00Z', kind: 'add', price: 'reporting_usd_month', quantity: 4 }],
      },
    ],
  },
  {
    name: 'Maison Lefèvre Traiteur',
    domain: 'maisonlefevre.fr',
    country: 'France',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2025-11-04T08:08:08Z',
    engagement: 'medium',
    subscriptions: [
      {
        price: 'starter_eur_month',
        trialDays: 14,
        changes: [{ at: '2026-04-16T10:45:00Z', kind: 'price', price: 'growth_eur_month', timing: 'now' }],
      },
    ],
  },
  {
    name: 'Prairie Wind Credit Union',
    domain: 'prairiewindcu.org',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2025-11-12T15:30:00Z',
    engagement: 'high',
    subscriptions: [
      { price: 'pilot_usd_week', cancel: { at: '2025-11-13T09:00:00Z', timing: 'period_end' } },
      { price: 'growth_usd_month', start: '2025-11-19T15:30:00Z' },
    ],
  },
  {
    name: 'Nordlicht Software GmbH',
    domain: 'nordlicht-software.de',
    country: 'Germany',
    tier: 'Tier 1',
    source: 'Paid Search',
    signup: '2025-12-01T09:00:00Z',
    engagement: 'high',
    subscriptions: [{ price: 'scale_eur_year', netDays: 30 }],
  },
  {
    name: 'Cedar & Sage Wellness',
    domain: 'cedarandsage.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Direct Traffic',
    signup: '2025-12-09T18:30:45Z',
    engagement: 'low',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14 }],
  },
  {
    name: 'Atlas Freight Forwarding',
    domain: 'atlasfreight.com',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Offline Sources',
    signup: '2026-01-07T14:00:00Z',
    taxRate: NY_TAX,
    engagement: 'medium',
    subscriptions: [{ price: 'growth_usd_month' }],
  },
  {
    name: 'Hoshino Ryokan Group',
    domain: 'hoshino-ryokan.jp',
    country: 'Japan',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2026-01-19T03:20:00Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_jpy_month', trialDays: 14 }],
  },
  {
    name: 'Quill & Ledger Bookkeeping',
    domain: 'quillandledger.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2026-02-03T12:40:00Z',
    engagement: 'low',
    subscriptions: [
      {
        price: 'starter_usd_month',
        trialDays: 14,
        cancel: { at: '2026-08-25T17:00:00Z', timing: 'period_end' },
      },
    ],
  },
  {
    name: 'QA Sandbox (Ledgerly internal)',
    domain: 'ledgerly.io',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Direct Traffic',
    signup: '2026-02-10T10:00:00Z',
    engagement: 'low',
    notInHubspot: true,
    subscriptions: [
      { price: 'starter_usd_month', cancel: { at: '2026-02-20T10:00:00Z', timing: 'period_end' } },
    ],
  },
  {
    name: 'Alpenglow Tours GmbH',
    domain: 'alpenglow-tours.de',
    country: 'Germany',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2026-02-16T08:15:00Z',
    engagement: 'low',
    subscriptions: [{ price: 'starter_eur_month', trialDays: 14, trialOnly: true }],
  },
  {
    name: 'Riverbend Manufacturing',
    domain: 'riverbendmfg.com',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2026-03-02T16:00:00Z',
    engagement: 'high',
    subscriptions: [{ price: 'scale_usd_year', netDays: 30 }],
  },
  {
    name: 'Solstice Solar Installers',
    domain: 'solsticesolar.com',
    country: 'United States',
    tier: 'Tier 2',
    source: 'Paid Search',
    signup: '2026-03-17T19:45:00Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_usd_quarter', trialDays: 14 }],
  },
  {
    name: 'Greenway Landscaping',
    domain: 'greenwaylandscaping.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Referrals',
    signup: '2026-03-24T15:00:00Z',
    engagement: 'low',
    notInStripe: true,
    subscriptions: [],
  },
  {
    name: 'Beaumont Wine Merchants',
    domain: 'beaumontwine.fr',
    country: 'France',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2026-04-06T09:09:09Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_eur_month', trialDays: 14 }],
  },
  {
    name: 'Mosaic Learning Labs',
    domain: 'mosaiclearning.org',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Referrals',
    signup: '2026-05-05T17:17:00Z',
    engagement: 'high',
    subscriptions: [
      {
        price: 'starter_usd_month',
        trialDays: 14,
        changes: [{ at: '2026-09-09T13:00:00Z', kind: 'price', price: 'growth_usd_month', timing: 'now' }],
      },
    ],
  },
  {
    name: 'Keystone Dental Labs',
    domain: 'keystonedentallabs.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2026-06-02T14:30:00Z',
    engagement: 'medium',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14 }],
  },
  {
    name: 'Oranje Retail Group B.V.',
    domain: 'oranjeretail.nl',
    country: 'Netherlands',
    tier: 'Tier 2',
    source: 'Offline Sources',
    signup: '2026-07-07T08:00:00Z',
    engagement: 'high',
    subscriptions: [
      {
        price: 'growth_eur_month',
        changes: [{ at: '2026-08-11T11:11:00Z', kind: 'add', price: 'reporting_eur_month', quantity: 8 }],
      },
    ],
  },
  {
    name: 'Blue Harbor Marinas',
    domain: 'blueharbormarinas.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Direct Traffic',
    signup: '2026-08-04T20:20:00Z',
    engagement: 'low',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14 }],
  },
  {
    name: 'Ginkgo Analytics K.K.',
    domain: 'ginkgo-analytics.jp',
    country: 'Japan',
    tier: 'Tier 2',
    source: 'Referrals',
    signup: '2026-09-08T05:00:00Z',
    engagement: 'medium',
    subscriptions: [{ price: 'growth_jpy_month', trialDays: 14 }],
  },
  {
    name: 'Trailhead Outfitters',
    domain: 'trailheadoutfitters.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Organic Search',
    signup: '2026-10-05T16:16:16Z',
    engagement: 'medium',
    subscriptions: [{ price: 'starter_usd_month', trialDays: 14 }],
  },
  {
    name: 'Polaris Biotech Inc.',
    domain: 'polarisbio.com',
    country: 'United States',
    tier: 'Tier 1',
    source: 'Offline Sources',
    signup: '2026-10-20T15:00:00Z',
    engagement: 'medium',
    subscriptions: [{ price: 'scale_usd_year', netDays: 30 }],
  },
  {
    name: 'Fernwood Pediatrics',
    domain: 'fernwoodpeds.com',
    country: 'United States',
    tier: 'Tier 3',
    source: 'Paid Search',
    signup: '2026-11-03T15:10:00Z',
    engagement: 'high',
    subscriptions: [{ price: 'starter_usd_month' }],
  },
];

/** Credit notes issued outside a cancellation: a service credit, and one voided the day it was issued. */
export const SERVICE_CREDITS: readonly {
  readonly customer: string;
  readonly at: string;
  /** Share of the credited invoice's subtotal. */
  readonly share: number;
  readonly memo: string;
  readonly voided?: boolean;
}[] = [
  {
    customer: 'Northfield Logistics Inc.',
    at: '2026-03-16T10:00:00Z',
    share: 0.05,
    memo: 'Service credit: 12 March outage',
  },
  {
    customer: 'Halcyon Hotels Group',
    at: '2026-04-02T09:30:00Z',
    share: 0.1,
    memo: 'Issued by mistake',
    voided: true,
  },
];

/** A one-off charge still in draft at as_of: Stripe has not finalised it, Pulse must ignore it. */
export const DRAFT_CHARGES: readonly {
  readonly customer: string;
  readonly at: string;
  readonly description: string;
  readonly amount: number;
}[] = [
  {
    customer: 'Polaris Biotech Inc.',
    at: '2026-11-18T16:00:00Z',
    description: 'Onboarding workshop (2 days)',
    amount: 350_000,
  },
];
