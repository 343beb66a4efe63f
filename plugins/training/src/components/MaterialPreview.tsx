import { useCallback, useEffect, useRef, useState } from 'react';
import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import { Box, Button, CircularProgress } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { dataUrlOf, useLabel, useT, useErrorText } from '@yinxin/ops-react';
import { LABELS, type PreviewMode } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { PLUGIN_ID, useTrainingApi } from './useTrainingApi';

type State =
  | { phase: 'idle' | 'loading' }
  | { phase: 'ready' | 'blocked'; url: string; type?: string; bytes?: number; streamed?: boolean }
  | { phase: 'error'; text: string };

/** A signed stream URL as the backend answers it (`POST …/stream`). */
interface StreamUrl {
  url: string;
  /** the URL below the plugin's base URL: `/stream/<token>` */
  path: string;
  version: number;
  expiresAt: string;
}

/** The signing route of a file or preview path: `/materials/:id[/versions/:n]/(preview|file)` → `…/stream`. */
export const streamPathOf = (path: string) => path.replace(/\/(preview|file)(\?.*)?$/, '/stream');

/** Re-signs at most this many times when a URL expires while the video plays. */
const MAX_RESIGN = 3;

/**
 * The inline preview of a material's file: a PDF (or an office file converted to PDF) in an
 * iframe, an image — fetched with the user's credentials and shown through an object URL (images
 * as a `data:` URL, which the portal's CSP allows) — or a video, **streamed**: a `<video>` element
 * cannot send the bearer token, so it plays a short-lived signed URL (`POST …/stream` →
 * `/api/training/stream/<token>`) with range requests, never downloading the whole file first;
 * when the URL expires during playback, a new one is fetched and playback resumes where it was.
 * When the portal's Content Security Policy refuses `blob:` frames or media, says so and offers
 * the file in a new window and the download. The wrapper carries `data-testid="material-preview"`
 * with `data-state`, `data-type` and `data-bytes` for tests.
 */
export function MaterialPreview(props: { path: string; mode: PreviewMode; size: number; fileName: string; onDownload: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const discovery = useApi(discoveryApiRef);
  const refusal = useErrorText();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const available = props.mode !== 'unavailable';
  const resigned = useRef(0);
  const resumeAt = useRef<number | undefined>(undefined);

  useEffect(() => {
    setState({ phase: 'idle' });
    resigned.current = 0;
    resumeAt.current = undefined;
  }, [props.path, props.mode]);

  const signedUrl = useCallback(async () => {
    const signed = await api.client.post<StreamUrl>(streamPathOf(props.path));
    return `${await discovery.getBaseUrl(PLUGIN_ID)}${signed.path}`;
  }, [api, discovery, props.path]);

  useEffect(() => {
    // every kind loads at once: a video only asks for a signed URL, the player fetches what it plays
    if (!available) return undefined;
    let current = true;
    let url: string | undefined;
    setState({ phase: 'loading' });
    (async () => {
      try {
        if (props.mode === 'video') {
          const streamUrl = await signedUrl();
          if (current) setState({ phase: 'ready', url: streamUrl, bytes: props.size, streamed: true });
          return;
        }
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
  }, [available, props.path, props.mode, props.size, api, refusal, signedUrl]);

  // the signed URL expired (or the server restarted) while playing: sign again and resume
  const onVideoError = useCallback(
    async (e: React.SyntheticEvent<HTMLVideoElement>) => {
      if (resigned.current >= MAX_RESIGN) {
        setState({ phase: 'error', text: label(LABELS.previewMode.unavailable) });
        return;
      }
      resigned.current += 1;
      resumeAt.current = e.currentTarget.currentTime;
      try {
        const streamUrl = await signedUrl();
        setState({ phase: 'ready', url: streamUrl, bytes: props.size, streamed: true });
      } catch (err) {
        setState({ phase: 'error', text: refusal(err) });
      }
    },
    [signedUrl, props.size, refusal, label],
  );
  const onVideoLoaded = useCallback((e: React.SyntheticEvent<HTMLVideoElement>) => {
    if (resumeAt.current !== undefined) {
      e.currentTarget.currentTime = resumeAt.current;
      resumeAt.current = undefined;
    }
  }, []);

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
    <Box
      data-testid="material-preview"
      data-state={state.phase}
      data-mode={props.mode}
      data-type={fetched?.type}
      data-bytes={fetched?.bytes}
      data-streamed={fetched?.streamed ? 'true' : undefined}
    >
      {!available && (
        <Alert severity="info" action={<Button onClick={props.onDownload}>{t('download')}</Button>}>
          {label(LABELS.previewMode.unavailable)}
        </Alert>
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
        <video
          src={ready.url}
          controls
          preload="metadata"
          onError={onVideoError}
          onLoadedMetadata={onVideoLoaded}
          style={{ width: '100%', maxHeight: 540, background: '#000' }}
          data-testid="preview-video"
        />
      )}
      {ready && (props.mode === 'pdf' || props.mode === 'converted-pdf') && (
        <iframe src={ready.url} title={props.fileName} style={{ width: '100%', height: 720, border: '1px solid #e0e0e0' }} data-testid="preview-frame" />
      )}
    </Box>
  );
}
