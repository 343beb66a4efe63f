import { LINE_CHART_SIZE, type LineChartLayout, type StripSegment } from '../series';
import { cstText } from '../time';
import { valueText } from '../format';

const LINE = '#1565c0';
const BAND = 'rgba(21, 101, 192, 0.15)';
const STRIP: Record<StripSegment['state'], string> = { up: '#66bb6a', down: '#c62828', none: '#eceff1' };

/**
 * A metric over time as an SVG line (the average) over an area (minimum to maximum), broken where
 * there is no data, with value and China-time axes. Each hover target carries `data-at` and
 * `data-avg`; the SVG carries `data-filled` (buckets with data) and `data-buckets`.
 */
export function LineChart(props: { layout: LineChartLayout; title: string; unit?: string; testId: string; pointText: (p: { at: string; avg: string; min: string; max: string; n: number }) => string }) {
  const { layout } = props;
  const { plot } = layout;
  const bucketWidth = plot.width / layout.buckets;
  return (
    <svg viewBox={`0 0 ${LINE_CHART_SIZE.width} ${LINE_CHART_SIZE.height}`} width="100%" role="img" aria-label={props.title} data-testid={props.testId} data-filled={layout.filled} data-buckets={layout.buckets}>
      {layout.yTicks.map(tick => (
        <g key={tick.value}>
          <line x1={plot.left} x2={plot.left + plot.width} y1={tick.y} y2={tick.y} stroke="#e0e0e0" />
          <text x={plot.left - 6} y={tick.y + 4} fontSize="10" textAnchor="end" fill="#616161">
            {tick.label}
          </text>
        </g>
      ))}
      {props.unit && (
        <text x={4} y={plot.top + 4} fontSize="10" fill="#616161">
          {props.unit}
        </text>
      )}
      {layout.xTicks.map(tick => (
        <g key={tick.at}>
          <line x1={tick.x} x2={tick.x} y1={plot.top} y2={plot.top + plot.height} stroke="#f0f0f0" />
          <text x={tick.x} y={plot.top + plot.height + 16} fontSize="10" textAnchor="middle" fill="#616161">
            {tick.label}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.left + plot.width} y1={plot.top + plot.height} y2={plot.top + plot.height} stroke="#9e9e9e" />
      {layout.runs.map(run => (
        <g key={run.points[0].at} data-testid={`${props.testId}-run`}>
          <path d={run.band} fill={BAND} stroke="none" />
          {run.points.length > 1 ? <path d={run.line} fill="none" stroke={LINE} strokeWidth={1.5} /> : <circle cx={run.points[0].x} cy={run.points[0].y} r={2} fill={LINE} />}
        </g>
      ))}
      {layout.runs.flatMap(run =>
        run.points.map(p => (
          <rect key={p.at} x={p.x - bucketWidth / 2} y={plot.top} width={bucketWidth} height={plot.height} fill="transparent" data-at={p.at} data-avg={p.avg}>
            <title>{props.pointText({ at: cstText(p.at), avg: valueText(p.avg), min: valueText(p.min), max: valueText(p.max), n: p.count })}</title>
          </rect>
        )),
      )}
    </svg>
  );
}

/**
 * The up/down strip under a {@link LineChart} (same width, aligned): green up, red down somewhere
 * in the stretch, grey without probes. Segments carry `data-state`.
 */
export function UpStrip(props: { segments: readonly StripSegment[]; title: string; testId: string; label: (state: StripSegment['state']) => string }) {
  return (
    <svg viewBox={`0 0 ${LINE_CHART_SIZE.width} 14`} width="100%" role="img" aria-label={props.title} data-testid={props.testId}>
      {props.segments.map(s => (
        <rect key={s.from} x={s.x} y={2} width={Math.max(0.5, s.width)} height={10} fill={STRIP[s.state]} data-state={s.state}>
          <title>{`${cstText(s.from)} – ${cstText(s.until)} ${props.label(s.state)}`}</title>
        </rect>
      ))}
    </svg>
  );
}
