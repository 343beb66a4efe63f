import React, { createContext, useCallback, useContext, useMemo, useState } from 'react';

/** The UI languages: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

/** A dictionary: message id → text in each language. `{name}` placeholders are interpolated. */
export type Messages = Record<string, { zh: string; en: string }>;

const STORAGE_KEY = 'yinxin.lang';

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // storage unavailable: default
  }
  return 'zh';
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState | undefined>(undefined);

/** Provides the current language to the whole app (wrap the app root once). */
export function LanguageProvider(props: { children: React.ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{props.children}</LangContext.Provider>;
}

/** The current language and its setter. Outside a provider: Chinese, with a no-op setter. */
export function useLanguage(): LangState {
  return useContext(LangContext) ?? { lang: 'zh', setLang: () => {} };
}

/** Interpolates `{name}` placeholders. */
export function format(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/**
 * Returns `t(id, params)` over `messages` in the current language. An unknown id returns the id
 * itself so that a missing string is visible, never a crash.
 */
export function useT<M extends Messages>(messages: M) {
  const { lang } = useLanguage();
  return useCallback(
    (id: keyof M & string, params?: Record<string, string | number>) =>
      format(messages[id]?.[lang] ?? id, params),
    [lang, messages],
  );
}

/** Picks the text of a `{ zh, en }` label in the current language. */
export function useLabel() {
  const { lang } = useLanguage();
  return useCallback((label: { zh: string; en: string } | undefined) => label?.[lang] ?? '', [lang]);
}
