import { Box, Tooltip } from '@material-ui/core';

/** One segment of a {@link StackedBar}. */
export interface Segment {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** A single horizontal bar split into coloured segments (MUI boxes, no chart library). */
export function StackedBar(props: {
  segments: readonly Segment[];
  testId?: string;
}) {
  const total = props.segments.reduce((n, s) => n + s.value, 0);
  return (
    <Box
      display="flex"
      height={14}
      width="100%"
      bgcolor="#eeeeee"
      borderRadius={2}
      overflow="hidden"
      data-testid={props.testId}
    >
      {total > 0 &&
        props.segments
          .filter(s => s.value > 0)
          .map(s => (
            <Tooltip key={s.key} title={`${s.label}: ${s.value}`}>
              <Box
                width={`${(100 * s.value) / total}%`}
                bgcolor={s.color}
                data-segment={s.key}
                data-value={s.value}
              />
            </Tooltip>
          ))}
    </Box>
  );
}
