import { createContext, useContext, useEffect } from 'react';

/** What a printed page carries at its top and foot, on every page, after the protective marking: the case and meeting date. */
export const PrintLine = createContext<(line: string | undefined) => void>(() => undefined);

export function usePrintLine(line: string | undefined): void {
  const set = useContext(PrintLine);
  useEffect(() => {
    set(line);
    return () => set(undefined);
  }, [set, line]);
}
