/** One bar of a {@link BarChart}. */
export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart in plain SVG (no chart library): one row per bar, scaled to the largest
 * value. Each row carries `data-label` and `data-value` for tests.
 */
export function BarChart(props: {
  data: readonly Bar[];
  title: string;
  color?: string;
  testId?: string;
}) {
  const max = Math.max(1, ...props.data.map(d => d.value));
  const rowHeight = 26;
  const width = 560;
  const labelWidth = 170;
  const height = Math.max(rowHeight, props.data.length * rowHeight);
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: width, fontSize: 12 }}
      role="img"
      aria-label={props.title}
      data-testid={props.testId}
    >
      <title>{props.title}</title>
      {props.data.map((d, i) => {
        const w = ((width - labelWidth - 50) * d.value) / max;
        return (
          <g
            key={d.label}
            transform={`translate(0, ${i * rowHeight})`}
            data-label={d.label}
            data-value={d.value}
          >
            <text x={0} y={17}>
              {d.label}
            </text>
            <rect
              x={labelWidth}
              y={5}
              width={w}
              height={16}
              fill={props.color ?? '#b71c1c'}
              rx={2}
            />
            <text x={labelWidth + w + 6} y={17}>
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
