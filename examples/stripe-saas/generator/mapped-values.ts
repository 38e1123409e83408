// How this example's HubSpot values become Pulse's: the same objects appear under
// presets.hubspot.values in pulse.config.json (a test checks they agree).

export const SEGMENT_VALUES: Readonly<Record<string, string>> = {
  'Tier 1': 'enterprise',
  'Tier 2': 'mid_market',
  'Tier 3': 'smb',
};

export const CHANNEL_VALUES: Readonly<Record<string, string>> = {
  'Organic Search': 'organic',
  'Paid Search': 'paid_search',
  Referrals: 'partner',
  'Offline Sources': 'outbound',
  'Direct Traffic': 'direct',
};
