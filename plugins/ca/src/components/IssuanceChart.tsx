import type { IssuancePoint } from '@yinxin/plugin-ca-common';
import { ChartSeries, DayBarChart } from '@yinxin/ops-react';
import type { IssuanceSeries } from '../chart';

const SERIES: readonly ChartSeries<IssuanceSeries>[] = [
  { key: 'sm2', colour: '#c62828', label: 'SM2' },
  { key: 'rsa', colour: '#1565c0', label: 'RSA' },
];

/** Issuance per day as an SVG bar chart: SM2 and RSA side by side, with a count axis and a label every few days. */
export function IssuanceChart(props: { points: readonly IssuancePoint[]; title: string }) {
  return <DayBarChart points={props.points} series={SERIES} title={props.title} testId="issuance-chart" />;
}
