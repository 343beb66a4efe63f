import { CHART_SIZE, dayBarLayout } from './chart';

/** One series of a {@link DayBarChart}: the count it draws, its colour and its legend. */
export interface ChartSeries<S extends string> {
  key: S;
  colour: string;
  label: string;
}

/**
 * How a {@link DayBarChart} names groups that are not days (departments, teams): every group is
 * labelled with `label(name)` (its full name as a tooltip), and its bars carry `data-<attribute>`.
 */
export interface ChartGroups {
  label: (name: string) => string;
  attribute: string;
}

/**
 * Counts per day as an SVG bar chart: the series side by side, a count axis, a label every few
 * days and a legend. Bars carry `data-series` and `data-value` for tests. With `groups`, the
 * points' `day` names another kind of group (see {@link ChartGroups}).
 */
export function DayBarChart<P extends { day: string }, S extends keyof P & string>(props: {
  points: readonly P[];
  series: readonly ChartSeries<S>[];
  title: string;
  testId: string;
  groups?: ChartGroups;
}) {
  const groups = props.groups;
  const layout = dayBarLayout(
    props.points,
    props.series.map(s => s.key),
  );
  const colour = Object.fromEntries(props.series.map(s => [s.key, s.colour])) as Record<S, string>;
  const legend = Object.fromEntries(props.series.map(s => [s.key, s.label])) as Record<S, string>;
  const every = groups ? 1 : Math.max(1, Math.ceil(props.points.length / 8));
  // Legend entries side by side: a swatch, the label (about 10 units a character), a gap.
  const legendX = props.series.map((_, i) => props.series.slice(0, i).reduce((x, s) => x + 24 + [...s.label].length * 10, 0));
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
          <rect key={`${b.day}-${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={colour[b.series]} data-series={b.series} data-value={b.value} {...(groups && { [`data-${groups.attribute}`]: b.day })}>
            <title>{`${b.day} ${legend[b.series]} ${b.value}`}</title>
          </rect>
        ))}
      {layout.days
        .filter((_, i) => i % every === 0)
        .map(d => (
          <text key={d.day} x={d.x} y={layout.plot.top + layout.plot.height + 16} fontSize="10" textAnchor="middle" fill="#616161">
            {groups ? (
              <>
                <title>{d.day}</title>
                {groups.label(d.day)}
              </>
            ) : (
              d.day.slice(5)
            )}
          </text>
        ))}
      {props.series.map((s, i) => (
        <g key={s.key} transform={`translate(${layout.plot.left + 8 + legendX[i]}, 4)`}>
          <rect width="10" height="10" fill={s.colour} />
          <text x="14" y="9" fontSize="10" fill="#424242">
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
