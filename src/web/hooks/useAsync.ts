import { useCallback, useEffect, useState } from 'react'

export type AsyncState<T> =
  | { status: 'loading'; previous: T | undefined }
  | { status: 'error'; error: Error; previous: T | undefined }
  | { status: 'ready'; data: T }

/** The state with a way to load again (after an error). */
export type AsyncResult<T> = AsyncState<T> & { retry: () => void }

interface Settled<T> {
  key: string
  attempt: number
  state: AsyncState<T>
}

/**
 * Runs `load` whenever `key` changes (or `retry` is called) and returns its state. While a new key
 * loads, `previous` holds the last data, so a map can keep showing it instead of flashing empty.
 * Results of a superseded key are ignored.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncResult<T> {
  const [attempt, setAttempt] = useState(0)
  const [settled, setSettled] = useState<Settled<T> | null>(null)
  const [lastData, setLastData] = useState<T | undefined>(undefined)

  useEffect(() => {
    let current = true
    load().then(
      (data) => {
        if (!current) return
        setSettled({ key, attempt, state: { status: 'ready', data } })
        setLastData(data)
      },
      (error: unknown) => {
        if (!current) return
        const failure = error instanceof Error ? error : new Error(String(error))
        setSettled({
          key,
          attempt,
          state: { status: 'error', error: failure, previous: undefined },
        })
      },
    )
    return () => {
      current = false
    }
    // `load` is a new closure on every render; `key` names what it loads.
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  if (settled && settled.key === key && settled.attempt === attempt) {
    const state = settled.state
    return state.status === 'error' ? { ...state, previous: lastData, retry } : { ...state, retry }
  }
  return { status: 'loading', previous: lastData, retry }
}
