import { useEffect, useRef, useState, type MouseEvent } from 'react';

/**
 * A confirmation asked inside a table row: focus moves to its cancel button when it opens, and back
 * to the button that opened it when it closes (if that button is still on the page).
 */
export function useRowConfirm() {
  const [confirming, setConfirming] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  return {
    confirming,
    cancelRef,
    ask(key: string, e: MouseEvent<HTMLButtonElement>) {
      opener.current = e.currentTarget;
      setConfirming(key);
    },
    close() {
      setConfirming(null);
      const b = opener.current;
      opener.current = null;
      if (b?.isConnected) b.focus();
    },
    /** Closed because the row went away: focus is placed by the caller. */
    forget() {
      setConfirming(null);
      opener.current = null;
    },
  };
}

export type RowConfirmState = ReturnType<typeof useRowConfirm>;
