// The page filters' value, read the same way by every page: {segment, range}, the range ordered. A From
// month after the To month is the same months read backwards: the overview showed no data for it while
// every other page (which orders the two months when it filters) showed them.

/** The form's value as {segment, range}; range is null when the page's marts have no months. */
export function readFilters(value) {
  const { from, to } = value;
  return {
    segment: value.segment ?? 'all',
    range: from && to ? (+from <= +to ? { from, to } : { from: to, to: from }) : null,
  };
}
