// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Every series also
// has a text label (legend, table view), so colour is never the only carrier of meaning.
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  yellow: '#F0E442',
  grey: '#999999',
};

/** Categorical order for unnamed series (segments, channels): the most distinct pairs first. */
export const CATEGORICAL = ['blue', 'orange', 'green', 'vermillion', 'sky', 'purple', 'yellow', 'grey'].map(
  (k) => OKABE_ITO[k],
);

export const MOVEMENT_COLORS = {
  new: OKABE_ITO.blue,
  expansion: OKABE_ITO.sky,
  reactivation: OKABE_ITO.green,
  contraction: OKABE_ITO.orange,
  churn: OKABE_ITO.vermillion,
};

export const BAND_COLORS = {
  healthy: OKABE_ITO.green,
  at_risk: OKABE_ITO.orange,
  critical: OKABE_ITO.vermillion,
};

export const NPS_COLORS = {
  promoters: OKABE_ITO.green,
  passives: OKABE_ITO.grey,
  detractors: OKABE_ITO.vermillion,
};

/** Sequential scheme for heatmaps: cividis is designed to read the same with colour-vision deficiencies. */
export const SEQUENTIAL = 'cividis';
