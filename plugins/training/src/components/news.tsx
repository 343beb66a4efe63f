import { createContext, useCallback, useContext, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Snackbar } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useLanguage, useRealtimeRoom, useT } from '@yinxin/ops-react';
import { TRAINING_NEWS_ROOM, type TrainingNewsEvent } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { newsOf, newsPath, newsText } from '../news';

/** The latest news of `training:news` and how many have come (pages reload on a change). */
interface NewsState {
  latest?: TrainingNewsEvent;
  count: number;
}

const NewsContext = createContext<NewsState>({ count: 0 });

/** The latest news announced in `training:news`, for pages that reload on it. */
export function useTrainingNews(): NewsState {
  return useContext(NewsContext);
}

/**
 * Joins the realtime room `training:news` once for the whole training page, shows each new
 * session or published material as a notice with a link (`data-testid="training-news"`), and
 * tells the pages. A hidden `training-news-live` marker says whether the room is joined.
 */
export function TrainingNewsProvider(props: { children: React.ReactNode }) {
  const t = useT(messages);
  const { lang } = useLanguage();
  const navigate = useNavigate();
  const [state, setState] = useState<NewsState>({ count: 0 });
  const [open, setOpen] = useState(false);
  const onEvent = useCallback((event: string, payload: unknown) => {
    const news = newsOf(event, payload);
    if (!news) return;
    setState(s => ({ latest: news, count: s.count + 1 }));
    setOpen(true);
  }, []);
  const { connected } = useRealtimeRoom(TRAINING_NEWS_ROOM, onEvent);
  const latest = state.latest;
  return (
    <NewsContext.Provider value={state}>
      {props.children}
      <span hidden data-testid="training-news-live" data-live={String(connected)} />
      <Snackbar open={open && !!latest} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} autoHideDuration={60_000} onClose={(_, reason) => reason !== 'clickaway' && setOpen(false)}>
        <Alert
          severity="info"
          data-testid="training-news"
          data-kind={latest?.kind}
          onClose={() => setOpen(false)}
          action={
            latest && (
              <Button
                color="inherit"
                size="small"
                data-testid="training-news-open"
                onClick={() => {
                  setOpen(false);
                  navigate(newsPath(latest));
                }}
              >
                {t('newsOpen')}
              </Button>
            )
          }
        >
          {latest && newsText(latest, lang)}
        </Alert>
      </Snackbar>
    </NewsContext.Provider>
  );
}
