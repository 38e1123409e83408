import { describe, expect, it } from 'vitest';
import { sourcesMappingSchema } from '../../src/config-sources.js';
import { MAPPING_FILES } from '../../src/presets/mapping-file.js';
import { SEGMENT_LAYOUTS, ZENDESK_LAYOUTS } from '../../src/presets/mapping-presets-config.js';

describe('shipped mapping files (src/presets/mappings)', () => {
  it('one per layout option', () => {
    expect(Object.keys(MAPPING_FILES).sort()).toEqual(
      [
        'hubspot/csv',
        ...SEGMENT_LAYOUTS.map((layout) => `segment/${layout}`),
        ...ZENDESK_LAYOUTS.map((layout) => `zendesk/${layout}`),
      ].sort(),
    );
  });

  it.each(Object.entries(MAPPING_FILES))(
    '%s is a valid sources entry of its source, explained column by column',
    (_, file) => {
      const entry = {
        columns: file.columns,
        values: file.values,
        formats: file.formats,
        ...(file.leave_out ? { leave_out: file.leave_out } : {}),
      };
      expect(sourcesMappingSchema.safeParse({ [file.source]: entry }).error?.issues ?? []).toEqual([]);
      for (const column of Object.keys(file.columns)) expect(file.read_from[column]).toMatch(/\S/);
    },
  );
});
