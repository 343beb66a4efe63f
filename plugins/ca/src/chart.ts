import type { IssuancePoint } from '@yinxin/plugin-ca-common';
import { DayBarLayout, dayBarLayout, seriesTotals } from '@yinxin/ops-react';

/** The series of the issuance chart. */
export const ISSUANCE_SERIES = ['sm2', 'rsa'] as const;
/** One of {@link ISSUANCE_SERIES}. */
export type IssuanceSeries = (typeof ISSUANCE_SERIES)[number];

/** Lays out the issuance chart: one group per day with an SM2 and an RSA bar side by side. */
export function issuanceLayout(points: readonly IssuancePoint[], size?: { width: number; height: number }): DayBarLayout<IssuanceSeries> {
  return dayBarLayout(points, ISSUANCE_SERIES, size);
}

/** Totals of a period, per series. */
export function issuanceTotals(points: readonly IssuancePoint[]): Record<IssuanceSeries, number> {
  return seriesTotals(points, ISSUANCE_SERIES);
}
