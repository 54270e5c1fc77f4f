import { useRef } from 'react'

/**
 * The same reference as last time while `value` has the same content (compared as JSON), so a
 * chart is not redrawn when its parent re-renders with equal but new arrays.
 */
export function useStable<T>(value: T): T {
  const ref = useRef<{ json: string; value: T } | null>(null)
  const json = JSON.stringify(value)
  if (ref.current?.json !== json) ref.current = { json, value }
  return ref.current.value
}
