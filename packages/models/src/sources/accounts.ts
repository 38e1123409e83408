import { defineSource } from '@pulse/core';

export const accountsSource = defineSource({
  name: 'accounts',
  required: true,
  description: 'One row per customer account.',
  columns: [
    { name: 'account_id', type: 'id', required: true, description: 'Unique per account.' },
    { name: 'name', type: 'string', description: 'Display name.' },
    {
      name: 'created_at',
      type: 'timestamp',
      required: true,
      description: 'Signup time; starts the time-to-value clock.',
    },
    {
      name: 'segment',
      type: 'string',
      default: 'unknown',
      description:
        'E.g. smb, mid_market, enterprise; empty becomes unknown; `all` is read as `all (segment)` (`all` names the row of every segment).',
    },
    { name: 'region', type: 'string', default: 'unknown', description: 'Region; empty becomes unknown.' },
    {
      name: 'acquisition_channel',
      type: 'string',
      default: 'unknown',
      description:
        'Matches spend.channel for CAC; empty becomes unknown; `all` is read as `all (channel)` (`all` names the row of every channel).',
    },
  ],
  uniqueKeys: [['account_id']],
});
