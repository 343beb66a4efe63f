import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` (buttons that depend on a session's window follow it). */
export function useNow(everyMs = 5_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
