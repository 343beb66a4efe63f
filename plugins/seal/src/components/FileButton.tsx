import { Box, Button, Typography } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { ReadFile, formatBytes } from '../files';

/** A button that opens the file chooser, and the name and size of the file chosen. */
export function FileButton(props: { label: string; file?: Pick<ReadFile, 'name' | 'size'>; accept?: string; testId: string; onChoose: (file: File | undefined) => void }) {
  const t = useT(messages);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 12 }}>
      <Button component="label" variant="outlined" size="small">
        {props.label}
        <input
          type="file"
          hidden
          accept={props.accept}
          data-testid={props.testId}
          onChange={e => {
            props.onChoose(e.target.files?.[0]);
            // Choosing the same file again still reads it.
            e.target.value = '';
          }}
        />
      </Button>
      {props.file && (
        <Typography variant="body2" data-testid={`${props.testId}-chosen`}>
          {t('fileChosen', { name: props.file.name, size: formatBytes(props.file.size) })}
        </Typography>
      )}
    </Box>
  );
}
