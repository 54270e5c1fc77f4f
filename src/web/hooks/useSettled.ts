import { useEffect, useState } from 'react'

/**
 * `key` once it has not changed for `delay` ms (and the browser had a moment to paint), or, while
 * `waiting`, for `maxDelay` ms; null before. For work that should wait until the reader pauses:
 * the atlas's table rows and layer geometry are loaded only then, so that neither competes with
 * the map while the reader switches views.
 *
 * @example const settled = useSettled(viewKey, 400, !mapDrawn, 4000) // viewKey or null
 */
export function useSettled(
  key: string,
  delay: number,
  waiting: boolean,
  maxDelay: number,
): string | null {
  const [settled, setSettled] = useState<string | null>(null)
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(key), waiting ? maxDelay : delay)
    return () => window.clearTimeout(timer)
  }, [key, delay, waiting, maxDelay])
  return settled === key ? key : null
}
