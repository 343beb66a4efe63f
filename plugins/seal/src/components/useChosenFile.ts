import { useCallback, useState } from 'react';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { ReadFile, formatBytes, readChosenFile } from '../files';

/**
 * A file the user chooses for the API (at most `max` bytes; a PNG when `png`): `choose` reads it
 * and resolves to it, or keeps why it was refused in `error` (in the user's language).
 */
export function useChosenFile(max: number, png = false) {
  const t = useT(messages);
  const [file, setFile] = useState<ReadFile>();
  const [error, setError] = useState<string>();
  const choose = useCallback(
    async (chosen: File | undefined): Promise<ReadFile | undefined> => {
      if (!chosen) return undefined;
      const read = await readChosenFile(chosen, max, png);
      if (typeof read === 'string') {
        setFile(undefined);
        setError(t(read, { max: formatBytes(max) }));
        return undefined;
      }
      setError(undefined);
      setFile(read);
      return read;
    },
    [max, png, t],
  );
  return { file, error, choose };
}
