/**
 * The health bands and the scores they start at (the rounded score: `critical` below 50, `at_risk` from
 * 50, `healthy` from 75), written once for the mart's banding, its description and data tests, the
 * renewals' tests and the digest.
 */
export const AT_RISK_FROM = 50;
export const HEALTHY_FROM = 75;

/** Worst first. */
export const HEALTH_BANDS = ['critical', 'at_risk', 'healthy'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/** The band of a rounded score, as SQL over a `score` column; NULL for a NULL score. */
export const BAND_OF_SCORE_SQL = `case when score < ${AT_RISK_FROM} then 'critical' when score < ${HEALTHY_FROM} then 'at_risk' when score >= ${HEALTHY_FROM} then 'healthy' end`;
