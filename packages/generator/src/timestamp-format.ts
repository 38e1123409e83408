import { formatDay, MS_PER_DAY } from './calendar.js';

/**
 * How an exporter writes an instant. Real exports mix these: `Z`, no offset at all (UTC by contract),
 * milliseconds, and local time with an offset (`2024-03-31T22:00:00-05:00` is April 1st in UTC).
 */
export type TimestampStyle = 'utc' | 'naive' | 'millis' | '-05:00' | '+01:00' | '+09:00';

const OFFSET_MINUTES: Record<TimestampStyle, number> = {
  utc: 0,
  naive: 0,
  millis: 0,
  '-05:00': -300,
  '+01:00': 60,
  '+09:00': 540,
};

const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

function clockOf(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return `${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds % 60]}`;
}

/** Formats an epoch-millisecond instant; the instant itself never changes, only how it is written. */
export function formatTimestamp(instant: number, style: TimestampStyle = 'utc'): string {
  const local = instant + OFFSET_MINUTES[style] * 60_000;
  const day = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - day * MS_PER_DAY;
  const text = `${formatDay(day)}T${clockOf(msOfDay)}`;
  switch (style) {
    case 'utc':
      return `${text}Z`;
    case 'naive':
      return text;
    case 'millis':
      return `${text}.${String(msOfDay % 1000).padStart(3, '0')}Z`;
    default:
      return `${text}${style}`;
  }
}
