// The HubSpot companies export (CRM > Companies > Export, CSV), filtered on lifecycle stage Customer:
// one column per property of the view, headed by the property's label; datetimes as `YYYY-MM-DD HH:MM`.
// "Customer Tier" and "Stripe Customer ID" are custom properties: the second is where HubSpot's Stripe
// integration keeps the customer id, and the key every other export of this example uses.
import { minuteTimestamp } from './calendar.js';
import { csvOfRecords } from './csv.js';
import type { Company } from './ledgerly.js';
import type { Random } from './random.js';

const OWNERS = ['Dana Whitfield', 'Marco Rossi', 'Aiko Tanaka', 'Samir Haddad'];
const INDUSTRIES = [
  'Accounting',
  'Health Care',
  'Logistics',
  'Manufacturing',
  'Hospitality',
  'Retail',
  'Education',
];
const CITIES: Record<string, string[]> = {
  'United States': ['New York', 'Austin', 'Denver', 'Chicago', 'Seattle'],
  Germany: ['Stuttgart', 'Hamburg', 'Munich'],
  France: ['Lyon', 'Bordeaux', 'Paris'],
  Netherlands: ['Utrecht', 'Rotterdam'],
  Spain: ['Valencia'],
  Ireland: ['Galway'],
  Japan: ['Osaka', 'Kobe', 'Tokyo'],
};

export const HUBSPOT_HEADER = [
  'Record ID',
  'Company name',
  'Company owner',
  'Create Date',
  'Phone Number',
  'Last Activity Date',
  'City',
  'Country/Region',
  'Industry',
  'Company Domain Name',
  'Lifecycle Stage',
  'Customer Tier',
  'Original Source Type',
  'Stripe Customer ID',
];

export function hubspotCompanies(company: Company, random: Random): Record<string, string> {
  const rows = company.companies.map((c) => ({
    'Record ID': c.recordId,
    'Company name': c.story.name,
    'Company owner': random.pick(OWNERS),
    'Create Date': minuteTimestamp(c.created),
    'Phone Number': `+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`,
    'Last Activity Date': minuteTimestamp(c.created + random.int(1, 300) * 86_400_000),
    City: random.pick(CITIES[c.story.country] ?? ['']),
    'Country/Region': c.story.country,
    Industry: random.pick(INDUSTRIES),
    'Company Domain Name': c.story.domain,
    'Lifecycle Stage': 'Customer',
    'Customer Tier': c.story.tier,
    'Original Source Type': c.story.source,
    'Stripe Customer ID': c.stripeCustomerId,
  }));
  return { 'hubspot/companies.csv': csvOfRecords(HUBSPOT_HEADER, rows) };
}
