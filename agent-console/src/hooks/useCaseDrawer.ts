import { useCallback, useRef, useState } from 'react';

/**
 * Which case the side panel shows. The element that opened it gets the focus back when it closes;
 * a case opened from inside the panel (after a merge) keeps the original opener.
 */
export function useCaseDrawer() {
  const [openId, setOpenId] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((id: string, from?: HTMLElement) => {
    if (from) opener.current = from;
    setOpenId(id);
  }, []);

  const close = useCallback(() => {
    setOpenId(null);
    const el = opener.current;
    opener.current = null;
    if (el?.isConnected) el.focus({ preventScroll: true });
  }, []);

  return { openId, open, close };
}
