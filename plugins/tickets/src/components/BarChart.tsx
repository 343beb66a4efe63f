/** A horizontal bar chart in plain SVG. */
export function BarChart(props: { data: { label: string; value: number }[]; color?: string; testId?: string }) {
  const max = Math.max(1, ...props.data.map(d => d.value));
  const rowHeight = 26;
  const width = 560;
  const labelWidth = 150;
  return (
    <svg
      width={width}
      height={Math.max(rowHeight, props.data.length * rowHeight)}
      role="img"
      data-testid={props.testId}
      style={{ fontSize: 12 }}
    >
      {props.data.map((d, i) => {
        const w = ((width - labelWidth - 50) * d.value) / max;
        return (
          <g key={d.label} transform={`translate(0, ${i * rowHeight})`} data-label={d.label} data-value={d.value}>
            <text x={0} y={17}>
              {d.label}
            </text>
            <rect x={labelWidth} y={5} width={w} height={16} fill={props.color ?? '#b71c1c'} rx={2} />
            <text x={labelWidth + w + 6} y={17}>
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
