import { useEffect, useState } from 'react';
import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { dataUrlOf, useLabel, useT, useErrorText } from '@yinxin/ops-react';
import { LABELS, type PreviewMode } from '@yinxin/plugin-training-common';
import { formatBytes } from '../files';
import { messages } from '../messages';
import { useTrainingApi } from './useTrainingApi';

type State = { phase: 'idle' | 'loading' } | { phase: 'ready' | 'blocked'; url: string; type: string; bytes: number } | { phase: 'error'; text: string };

/**
 * The inline preview of a material's file: a PDF (or an office file converted to PDF) in an
 * iframe, a video in a player, an image — fetched with the user's credentials and shown through
 * an object URL (images as a `data:` URL, which the portal's CSP allows). Videos load on request.
 * When the portal's Content Security Policy refuses `blob:` frames or media, says so and offers
 * the file in a new window and the download. The wrapper carries `data-testid="material-preview"`
 * with `data-state`, `data-type` and `data-bytes` for tests.
 */
export function MaterialPreview(props: { path: string; mode: PreviewMode; size: number; fileName: string; onDownload: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const refusal = useErrorText();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [wanted, setWanted] = useState(props.mode === 'pdf' || props.mode === 'converted-pdf' || props.mode === 'image');
  const available = props.mode !== 'unavailable';

  useEffect(() => {
    setWanted(props.mode === 'pdf' || props.mode === 'converted-pdf' || props.mode === 'image');
    setState({ phase: 'idle' });
  }, [props.path, props.mode]);

  useEffect(() => {
    if (!wanted || !available) return undefined;
    let current = true;
    let url: string | undefined;
    setState({ phase: 'loading' });
    (async () => {
      try {
        const res = await api.raw(props.path);
        const blob = await res.blob();
        if (!current) return;
        url = props.mode === 'image' ? await dataUrlOf(blob) : URL.createObjectURL(blob);
        if (current) setState({ phase: 'ready', url, type: blob.type, bytes: blob.size });
      } catch (e) {
        if (current) setState({ phase: 'error', text: refusal(e) });
      }
    })();
    return () => {
      current = false;
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
    };
  }, [wanted, available, props.path, props.mode, api, refusal]);

  // The portal's CSP may refuse blob: frames and media (reported with the blocked URI `blob`):
  // tell the user rather than show a broken frame. Listening from the start, the report is never missed.
  useEffect(() => {
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (e.blockedURI === 'blob' || e.blockedURI.startsWith('blob:')) setState(s => (s.phase === 'ready' && s.url.startsWith('blob:') ? { ...s, phase: 'blocked' } : s));
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);

  const fetched = state.phase === 'ready' || state.phase === 'blocked' ? state : undefined;
  const ready = state.phase === 'ready' ? state : undefined;
  return (
    <Box data-testid="material-preview" data-state={state.phase} data-mode={props.mode} data-type={fetched?.type} data-bytes={fetched?.bytes}>
      {!available && (
        <Alert severity="info" action={<Button onClick={props.onDownload}>{t('download')}</Button>}>
          {label(LABELS.previewMode.unavailable)}
        </Alert>
      )}
      {available && !wanted && (
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <Button variant="outlined" onClick={() => setWanted(true)} data-testid="preview-load">
            {t('previewLoad')}
          </Button>
          <Typography variant="body2" color="textSecondary">
            {t('previewVideoHint', { size: formatBytes(props.size) })}
          </Typography>
        </Box>
      )}
      {state.phase === 'loading' && <CircularProgress size={24} />}
      {state.phase === 'error' && (
        <Alert severity="warning" data-testid="preview-error" action={<Button onClick={props.onDownload}>{t('download')}</Button>}>
          {state.text}
        </Alert>
      )}
      {state.phase === 'blocked' && (
        <Alert severity="info" data-testid="preview-blocked" style={{ marginBottom: 8 }}>
          {t('previewBlocked')}
          <Box display="flex" style={{ gap: 8, marginTop: 8 }}>
            <Button size="small" variant="outlined" onClick={() => window.open(state.url, '_blank', 'noopener')} data-testid="preview-open-window">
              {t('openInWindow')}
            </Button>
            <Button size="small" variant="outlined" onClick={props.onDownload}>
              {t('download')}
            </Button>
          </Box>
        </Alert>
      )}
      {ready && props.mode === 'image' && <img src={ready.url} alt={props.fileName} style={{ maxWidth: '100%', maxHeight: 640 }} data-testid="preview-image" />}
      {ready && props.mode === 'video' && (
        // eslint-disable-next-line jsx-a11y/media-has-caption
        <video src={ready.url} controls style={{ width: '100%', maxHeight: 540, background: '#000' }} data-testid="preview-video" />
      )}
      {ready && (props.mode === 'pdf' || props.mode === 'converted-pdf') && (
        <iframe src={ready.url} title={props.fileName} style={{ width: '100%', height: 720, border: '1px solid #e0e0e0' }} data-testid="preview-frame" />
      )}
    </Box>
  );
}
