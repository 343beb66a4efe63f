import { useState } from 'react';
import { Box, Button, LinearProgress, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useT, useErrorText } from '@yinxin/ops-react';
import type { MaterialKind } from '@yinxin/plugin-training-common';
import { acceptAttribute, fileProblem, formatBytes, uploadPercent } from '../files';
import { messages } from '../messages';

/**
 * Choosing and uploading a version's file: the type and size are checked against the server's
 * limits before sending, the progress is shown while sending, and the backend's refusal (a
 * disguised file, a damaged one) in its own words. Test ids: `upload-input`, `upload-chosen`,
 * `upload-submit`, `upload-progress`, `upload-error`.
 */
export function UploadBox(props: { limits: Record<MaterialKind, number>; label: string; onUpload: (file: File, onProgress: (loaded: number, total: number) => void) => Promise<unknown> }) {
  const t = useT(messages);
  const refusal = useErrorText();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const problem = file ? fileProblem(file, props.limits) : undefined;

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setError(undefined);
    setProgress(undefined);
  };
  const send = async () => {
    if (!file || problem) return;
    setError(undefined);
    setProgress(0);
    try {
      await props.onUpload(file, (loaded, total) => setProgress(uploadPercent(loaded, total)));
      setFile(undefined);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('uploadHelp', { document: formatBytes(props.limits.document), video: formatBytes(props.limits.video), image: formatBytes(props.limits.image) })}
      </Typography>
      <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 12 }}>
        <Button component="label" variant="outlined" size="small" disabled={progress !== undefined}>
          {props.label}
          <input
            type="file"
            hidden
            accept={acceptAttribute()}
            data-testid="upload-input"
            onChange={e => {
              choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </Button>
        {file && (
          <Typography variant="body2" data-testid="upload-chosen">
            {t('fileChosen', { name: file.name, size: formatBytes(file.size) })}
          </Typography>
        )}
        <Button variant="contained" color="primary" size="small" disabled={!file || !!problem || progress !== undefined} onClick={send} data-testid="upload-submit">
          {t('upload')}
        </Button>
      </Box>
      {problem && (
        <Alert severity="warning" style={{ marginTop: 8 }} data-testid="upload-problem">
          {t(problem.problem, { max: formatBytes(problem.max ?? 0) })}
        </Alert>
      )}
      {progress !== undefined && (
        <Box style={{ marginTop: 8 }} data-testid="upload-progress" data-percent={progress}>
          <LinearProgress variant="determinate" value={progress} />
          <Typography variant="caption">{t('uploading', { percent: progress })}</Typography>
        </Box>
      )}
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }} data-testid="upload-error">
          {error}
        </Alert>
      )}
    </Box>
  );
}
