import { useLabel } from '@yinxin/ops-react';
import { DISPATCH_SEVERITY_LABELS, type DispatchSeverity } from '@yinxin/plugin-roster-common';
import { SLA_CHART_SIZE, SlaPoint, linePath, slaLayout } from '../sla';

const ON_TIME = '#43a047';
const BREACHED = '#e53935';
const MEDIAN = '#1565c0';
const P90 = '#8e24aa';

/**
 * The arrival SLA per month as an SVG chart (no dependencies): stacked bars of on-time and
 * breached arrivals (count axis, left) and the median and 90th-percentile arrival minutes against
 * the contract's targets (minutes axis, right). Bars carry `data-month`, `data-on-time` and
 * `data-breaches`; marks carry `data-minutes`.
 */
export function SlaChart(props: {
  points: readonly SlaPoint[];
  targetHours: Record<DispatchSeverity, number>;
  title: string;
  text: { onTime: string; breached: string; median: string; p90: string; target: (severity: string, minutes: number) => string };
  testId: string;
}) {
  const label = useLabel();
  const layout = slaLayout(props.points, props.targetHours);
  const { plot } = layout;
  const right = plot.left + plot.width;
  const legend = [
    { colour: ON_TIME, text: props.text.onTime },
    { colour: BREACHED, text: props.text.breached },
    { colour: MEDIAN, text: props.text.median },
    { colour: P90, text: props.text.p90 },
  ];
  const legendX = legend.map((_, i) => legend.slice(0, i).reduce((x, l) => x + 24 + [...l.text].length * 9, 0));
  return (
    <svg viewBox={`0 0 ${SLA_CHART_SIZE.width} ${SLA_CHART_SIZE.height}`} width="100%" role="img" aria-label={props.title} data-testid={props.testId} data-months={props.points.length}>
      {layout.countTicks.map(tick => (
        <g key={`c${tick.value}`}>
          <line x1={plot.left} x2={right} y1={tick.y} y2={tick.y} stroke="#eeeeee" />
          <text x={plot.left - 6} y={tick.y + 4} fontSize="10" textAnchor="end" fill="#616161">
            {tick.value}
          </text>
        </g>
      ))}
      {layout.minuteTicks.map(tick => (
        <text key={`m${tick.value}`} x={right + 6} y={tick.y + 4} fontSize="10" fill={MEDIAN}>
          {tick.value}
        </text>
      ))}
      {layout.targets.map(target => (
        <g key={target.severity} data-testid={`${props.testId}-target`} data-minutes={target.minutes}>
          <line x1={plot.left} x2={right} y1={target.y} y2={target.y} stroke="#ff8f00" strokeDasharray="4 3" />
          <text x={plot.left + 4} y={target.y - 3} fontSize="10" fill="#e65100">
            {props.text.target(label(DISPATCH_SEVERITY_LABELS[target.severity]), target.minutes)}
          </text>
        </g>
      ))}
      {layout.bars.map(b => (
        <g key={b.month} data-testid={`${props.testId}-bar`} data-month={b.month} data-on-time={b.onTime.value} data-breaches={b.breaches.value}>
          {b.onTime.height > 0 && <rect x={b.x} y={b.onTime.y} width={b.width} height={b.onTime.height} fill={ON_TIME} />}
          {b.breaches.height > 0 && <rect x={b.x} y={b.breaches.y} width={b.width} height={b.breaches.height} fill={BREACHED} />}
          <title>{`${b.month} ${props.text.onTime} ${b.onTime.value} · ${props.text.breached} ${b.breaches.value}`}</title>
        </g>
      ))}
      {[
        { marks: layout.median, colour: MEDIAN, key: 'median' },
        { marks: layout.p90, colour: P90, key: 'p90' },
      ].map(series => (
        <g key={series.key}>
          {series.marks.length > 1 && <path d={linePath(series.marks)} fill="none" stroke={series.colour} strokeWidth={1.5} />}
          {series.marks.map(m => (
            <circle key={m.month} cx={m.x} cy={m.y} r={3} fill={series.colour} data-testid={`${props.testId}-${series.key}`} data-month={m.month} data-minutes={m.value}>
              <title>{`${m.month} ${series.key === 'median' ? props.text.median : props.text.p90} ${m.value}`}</title>
            </circle>
          ))}
        </g>
      ))}
      {layout.labels.map(l => (
        <text key={l.month} x={l.x} y={plot.top + plot.height + 16} fontSize="10" textAnchor="middle" fill="#616161">
          {l.month}
        </text>
      ))}
      <line x1={plot.left} x2={right} y1={plot.top + plot.height} y2={plot.top + plot.height} stroke="#9e9e9e" />
      {legend.map((l, i) => (
        <g key={l.text} transform={`translate(${plot.left + legendX[i]}, 4)`}>
          <rect width="10" height="10" fill={l.colour} />
          <text x="14" y="9" fontSize="10" fill="#424242">
            {l.text}
          </text>
        </g>
      ))}
    </svg>
  );
}
