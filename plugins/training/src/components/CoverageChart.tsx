import { CHART_SIZE, dayBarLayout } from '@yinxin/ops-react';
import { shortLabel, type CoveragePoint } from '../reports';

const SERIES = ['learners', 'trained', 'attendances'] as const;
const COLOURS: Record<(typeof SERIES)[number], string> = { learners: '#90caf9', trained: '#2e7d32', attendances: '#ffb300' };

/**
 * Learners, trained learners and attendances per department as an SVG bar chart (the portal's
 * bar layout, department names under the groups). Bars carry `data-series`, `data-value` and
 * `data-department` for tests.
 */
export function CoverageChart(props: { points: readonly CoveragePoint[]; labels: Record<(typeof SERIES)[number], string>; title: string; testId: string }) {
  const layout = dayBarLayout(props.points, SERIES);
  const legendX = SERIES.map((_, i) => SERIES.slice(0, i).reduce((x, s) => x + 24 + [...props.labels[s]].length * 11, 0));
  return (
    <svg viewBox={`0 0 ${CHART_SIZE.width} ${CHART_SIZE.height}`} width="100%" role="img" aria-label={props.title} data-testid={props.testId}>
      {layout.ticks.map(tick => (
        <g key={tick.value}>
          <line x1={layout.plot.left} x2={layout.plot.left + layout.plot.width} y1={tick.y} y2={tick.y} stroke="#e0e0e0" />
          <text x={layout.plot.left - 6} y={tick.y + 4} fontSize="10" textAnchor="end" fill="#616161">
            {tick.value}
          </text>
        </g>
      ))}
      {layout.bars
        .filter(b => b.value > 0)
        .map(b => (
          <rect key={`${b.day}-${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={COLOURS[b.series]} data-series={b.series} data-value={b.value} data-department={b.day}>
            <title>{`${b.day} ${props.labels[b.series]} ${b.value}`}</title>
          </rect>
        ))}
      {layout.days.map(d => (
        <text key={d.day} x={d.x} y={layout.plot.top + layout.plot.height + 16} fontSize="10" textAnchor="middle" fill="#616161">
          <title>{d.day}</title>
          {shortLabel(d.day, 8)}
        </text>
      ))}
      {SERIES.map((s, i) => (
        <g key={s} transform={`translate(${layout.plot.left + 8 + legendX[i]}, 4)`}>
          <rect width="10" height="10" fill={COLOURS[s]} />
          <text x="14" y="9" fontSize="10" fill="#424242">
            {props.labels[s]}
          </text>
        </g>
      ))}
    </svg>
  );
}
