import type { IssuancePoint } from '@yinxin/plugin-ca-common';
import { issuanceLayout } from '../chart';

const COLOURS = { sm2: '#c62828', rsa: '#1565c0' } as const;

/** Issuance per day as an SVG bar chart: SM2 and RSA side by side, with a count axis and a label every few days. */
export function IssuanceChart(props: { points: readonly IssuancePoint[]; title: string }) {
  const layout = issuanceLayout(props.points);
  const every = Math.max(1, Math.ceil(props.points.length / 8));
  return (
    <svg viewBox="0 0 720 220" width="100%" role="img" aria-label={props.title} data-testid="issuance-chart">
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
          <rect key={`${b.day}-${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={COLOURS[b.series]} data-series={b.series} data-value={b.value}>
            <title>{`${b.day} ${b.series.toUpperCase()} ${b.value}`}</title>
          </rect>
        ))}
      {layout.days
        .filter((_, i) => i % every === 0)
        .map(d => (
          <text key={d.day} x={d.x} y={layout.plot.top + layout.plot.height + 16} fontSize="10" textAnchor="middle" fill="#616161">
            {d.day.slice(5)}
          </text>
        ))}
      {(['sm2', 'rsa'] as const).map((s, i) => (
        <g key={s} transform={`translate(${layout.plot.left + 8 + i * 50}, 4)`}>
          <rect width="10" height="10" fill={COLOURS[s]} />
          <text x="14" y="9" fontSize="10" fill="#424242">
            {s.toUpperCase()}
          </text>
        </g>
      ))}
    </svg>
  );
}
