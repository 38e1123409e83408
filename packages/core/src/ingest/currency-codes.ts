import { sqlString } from './sql-text.js';

/**
 * The codes a `currency` value may take: ISO 4217's current list (funds and the X-codes included), plus
 * the codes it has withdrawn since 1999, so that an older export in a currency since replaced (HRK, LTL,
 * VEF, the euro's predecessors) still reads. A fixed list, not `Intl.supportedValuesOf`, whose answer
 * changes with Node's ICU version.
 */
const CURRENT = `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC
SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU
XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG`;

const WITHDRAWN_SINCE_1999 = `ADP AFA ANG ATS AZM BEF BGL BYB BYR CSD CUC CYP DEM EEK ESP FIM FRF GHC GRD GWP HRK
IEP ITL LTL LUF LVL MGF MRO MTL MZM NLG PTE ROL RUR SDD SIT SKK SLL SRG STD TMM TPE TRL USS VEB VEF XEU XFO
XFU YUM ZMK ZWD ZWL ZWN ZWR`;

/** Every accepted code, upper case. */
export const CURRENCY_CODES: readonly string[] = `${CURRENT} ${WITHDRAWN_SINCE_1999}`.split(/\s+/).sort();

const ACCEPTED = new Set(CURRENCY_CODES);

/** The most traded currencies first, so a "did you mean" for USX says USD, not UGX. */
const MOST_TRADED = ['USD', 'EUR', 'JPY', 'GBP', 'CNY', 'AUD', 'CAD', 'CHF', 'HKD', 'SGD', 'SEK', 'KRW'];

/** The codes in the order a "did you mean" should consider them: the most traded first. */
export const CURRENCY_CODES_BY_USE: readonly string[] = [
  ...MOST_TRADED,
  ...CURRENCY_CODES.filter((code) => !MOST_TRADED.includes(code)),
];

/** True when `code` (any case) is a currency code Pulse accepts. */
export function isCurrencyCode(code: string): boolean {
  return ACCEPTED.has(code.toUpperCase());
}

/**
 * SQL: true when the text `value` (any case) is a currency code Pulse accepts. Judging a `currency` column
 * asks it, and so does a preset that must tell a line the contract will refuse before judging (Stripe's).
 */
export function isCurrencyCodeSql(value: string): string {
  return `(upper(${value}) in (${CURRENCY_CODES.map(sqlString).join(', ')}))`;
}
