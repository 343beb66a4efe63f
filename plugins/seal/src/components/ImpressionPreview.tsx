import { useEffect, useState } from 'react';
import { Box, CircularProgress, Typography } from '@material-ui/core';
import { useImageUrl } from '@yinxin/ops-react';

/** `value`, once it has stopped changing for `ms` milliseconds. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A live preview of an impression template (`GET /preview.svg`), or nothing when there is none. */
export function ImpressionPreview(props: { path: string | undefined; alt: string }) {
  const image = useImageUrl('seal', props.path);
  if (!props.path) return null;
  return (
    <Box width={160} height={160} display="flex" alignItems="center" justifyContent="center" marginBottom={1}>
      {image.url && <img src={image.url} alt={props.alt} data-testid="seal-template-preview" style={{ width: '100%', height: '100%', objectFit: 'contain' }} />}
      {!image.url && !image.error && <CircularProgress size={24} />}
      {image.error && (
        <Typography variant="caption" color="error">
          {image.error}
        </Typography>
      )}
    </Box>
  );
}
