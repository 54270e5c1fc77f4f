import { useEffect, useId, useMemo, useRef, useState } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import {
  labelledPeriods,
  periodIndex,
  playNext,
  playStart,
  PLAY_INTERVAL_MS,
  REDUCED_MOTION_INTERVAL_MS,
  sortedPeriods,
  stepPeriod,
} from './period.js'

export interface PeriodSliderProps {
  /** The years with data (any order; gaps allowed: the slider moves from one year to the next). */
  periods: readonly number[]
  /** The year shown. */
  value: number
  /** Called with the year the user (or autoplay) chose. */
  onChange: (period: number) => void
  /** Label of the slider (default "Jahr" / "Year"). */
  label?: string
}

/** True while the user asks for reduced motion (updates when the setting changes). */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)'
  const [reduced, setReduced] = useState(
    () => typeof window !== 'undefined' && (window.matchMedia?.(query).matches ?? false),
  )
  useEffect(() => {
    const list = window.matchMedia?.(query)
    if (!list) return
    const update = () => setReduced(list.matches)
    list.addEventListener('change', update)
    return () => list.removeEventListener('change', update)
  }, [])
  return reduced
}

/**
 * The year: a range input over the years (arrow keys, Home/End, Page Up/Down) whose
 * `aria-valuetext` is the year, with year labels below, previous/next buttons and play/pause.
 *
 * Play steps forward one year about every second (every two seconds with
 * `prefers-reduced-motion: reduce`) and stops at the last year; pressing play at the last year
 * starts again from the first. Any other use of the slider or the buttons stops playing. The
 * previous/next buttons stay focusable at the ends (`aria-disabled`), so focus is never lost.
 */
export function PeriodSlider({ periods, value, onChange, label }: PeriodSliderProps) {
  const { t } = useI18n()
  const id = useId()
  const years = useMemo(() => sortedPeriods(periods), [periods])
  const index = periodIndex(years, value)
  const year = years[index] ?? value
  const [playing, setPlaying] = useState(false)
  const reducedMotion = usePrefersReducedMotion()
  const interval = reducedMotion ? REDUCED_MOTION_INTERVAL_MS : PLAY_INTERVAL_MS

  // The interval reads the latest year and callback without restarting on every step.
  const latest = useRef({ year, onChange })
  latest.current = { year, onChange }

  useEffect(() => {
    if (!playing) return
    const timer = window.setInterval(() => {
      const next = playNext(years, latest.current.year)
      if (next === null) {
        setPlaying(false)
        return
      }
      latest.current.onChange(next)
      if (playNext(years, next) === null) setPlaying(false)
    }, interval)
    return () => window.clearInterval(timer)
  }, [playing, years, interval])

  const title = label ?? t('controls.period')
  const previous = stepPeriod(years, year, -1)
  const next = stepPeriod(years, year, 1)
  const choose = (period: number | null) => {
    setPlaying(false)
    if (period !== null && period !== year) onChange(period)
  }
  const togglePlay = () => {
    if (playing) {
      setPlaying(false)
      return
    }
    const start = playStart(years, year)
    if (start === null) return
    if (start !== year) onChange(start)
    setPlaying(true)
  }

  if (years.length <= 1) {
    return (
      <div className="control-group period-slider">
        <p className="control-group__title">{title}</p>
        <p className="period-slider__year">{years[0] ?? value}</p>
      </div>
    )
  }

  const labelled = new Set(labelledPeriods(years))
  const last = years.length - 1
  return (
    <div className="control-group period-slider" data-testid="period-slider">
      <div className="period-slider__head">
        <label className="control-group__title" htmlFor={`${id}-range`}>
          {title}
        </label>
        <output
          className="period-slider__year"
          htmlFor={`${id}-range`}
          aria-live={playing ? 'polite' : 'off'}
        >
          {year}
        </output>
      </div>
      <input
        id={`${id}-range`}
        className="period-slider__range"
        type="range"
        min={0}
        max={last}
        step={1}
        value={index}
        aria-valuetext={String(year)}
        aria-describedby={`${id}-range-hint`}
        onChange={(event) => choose(years[Number(event.target.value)] ?? null)}
      />
      <p id={`${id}-range-hint`} className="visually-hidden">
        {t('controls.period.range', { first: years[0]!, last: years[last]! })}
      </p>
      <div className="period-slider__ticks" aria-hidden="true">
        {years.map((period, i) => (
          <span
            key={period}
            className="period-slider__tick"
            style={{ left: `${(i / last) * 100}%` }}
            data-labelled={labelled.has(period) ? 'true' : undefined}
          >
            {labelled.has(period) ? period : ''}
          </span>
        ))}
      </div>
      <div className="period-slider__buttons" role="group" aria-label={title}>
        <button
          type="button"
          className="atlas-icon-button"
          aria-label={t('controls.period.previous')}
          aria-disabled={previous === null ? 'true' : undefined}
          onClick={() => choose(previous)}
        >
          <span aria-hidden="true">◀</span>
        </button>
        <button
          type="button"
          className="button button--secondary period-slider__play"
          aria-describedby={`${id}-play-hint`}
          onClick={togglePlay}
          data-playing={playing ? 'true' : 'false'}
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>{' '}
          {playing ? t('controls.period.pause') : t('controls.period.play')}
        </button>
        <button
          type="button"
          className="atlas-icon-button"
          aria-label={t('controls.period.next')}
          aria-disabled={next === null ? 'true' : undefined}
          onClick={() => choose(next)}
        >
          <span aria-hidden="true">▶</span>
        </button>
      </div>
      <p id={`${id}-play-hint`} className="atlas-field__hint">
        {t('controls.period.playHint')}
      </p>
    </div>
  )
}
