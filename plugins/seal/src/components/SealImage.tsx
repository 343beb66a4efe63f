import { Box, CircularProgress, Typography } from '@material-ui/core';
import { useImageUrl } from '@yinxin/ops-react';

/**
 * A seal's impression from the seal API (`/seals/:id/picture.png`, or the public
 * `/public/status/:code/picture.png`), drawn in a square box of `size` pixels. The image is
 * fetched with the user’s token and shown as a data URL.
 */
export function SealImage(props: { path: string; size: number; alt: string; testId?: string }) {
  const image = useImageUrl('seal', props.path);
  return (
    <Box width={props.size} height={props.size} display="flex" alignItems="center" justifyContent="center" flexShrink={0}>
      {image.url && <img src={image.url} alt={props.alt} data-testid={props.testId} style={{ width: '100%', height: '100%', objectFit: 'contain' }} />}
      {!image.url && !image.error && <CircularProgress size={Math.min(24, props.size / 2)} />}
      {image.error && (
        <Typography variant="caption" color="textSecondary" title={image.error}>
          —
        </Typography>
      )}
    </Box>
  );
}

/** The API path of a seal's impression. */
export const picturePath = (sealId: string) => `/seals/${encodeURIComponent(sealId)}/picture.png`;
