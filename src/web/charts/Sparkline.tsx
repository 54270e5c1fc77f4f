/**
 * A tiny line of an indicator over the years, for tables (a plain SVG: dozens of them on a page
 * would be too many Plot charts). The accessible name says from where to where it goes.
 */
import { useI18n } from '../i18n/I18nProvider.js'
import { BLUE } from '../../core/charts/colours.js'

export interface SparklineProps {
  points: { period: number; value: number | null }[]
  decimals: number
  width?: number
  height?: number
}

/** Path segments through the valued points, broken where a year has no value. */
export function sparklinePath(
  points: readonly { period: number; value: number | null }[],
  width: number,
  height: number,
  pad = 2,
): { d: string; last: [number, number] | null } {
  const valued = points.filter(
    (p): p is { period: number; value: number } => p.value !== null && Number.isFinite(p.value),
  )
  if (valued.length === 0) return { d: '', last: null }
  const periods = points.map((p) => p.period)
  const [p0, p1] = [Math.min(...periods), Math.max(...periods)]
  const values = valued.map((p) => p.value)
  const [v0, v1] = [Math.min(...values), Math.max(...values)]
  const x = (period: number) =>
    pad + (p1 === p0 ? 0.5 : (period - p0) / (p1 - p0)) * (width - 2 * pad)
  const y = (value: number) =>
    height - pad - (v1 === v0 ? 0.5 : (value - v0) / (v1 - v0)) * (height - 2 * pad)
  let d = ''
  let open = false
  for (const p of [...points].sort((a, b) => a.period - b.period)) {
    if (p.value === null || !Number.isFinite(p.value)) {
      open = false
      continue
    }
    d += `${open ? 'L' : 'M'}${x(p.period).toFixed(1)},${y(p.value).toFixed(1)}`
    open = true
  }
  const end = valued.reduce((a, b) => (b.period > a.period ? b : a))
  return { d, last: [x(end.period), y(end.value)] }
}

/** An inline trend line with a dot on the latest value. */
export function Sparkline({ points, decimals, width = 80, height = 22 }: SparklineProps) {
  const { t, format } = useI18n()
  const { d, last } = sparklinePath(points, width, height)
  const valued = points
    .filter((p) => p.value !== null && Number.isFinite(p.value))
    .sort((a, b) => a.period - b.period)
  const label =
    valued.length === 0
      ? t('chart.sparklineEmpty')
      : t('chart.sparklineLabel', {
          first: valued[0]!.period,
          last: valued[valued.length - 1]!.period,
          from: format.decimal(valued[0]!.value!, decimals),
          to: format.decimal(valued[valued.length - 1]!.value!, decimals),
        })
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-chart="sparkline"
    >
      <title>{label}</title>
      {d && <path d={d} fill="none" stroke={BLUE} strokeWidth={1.5} />}
      {last && <circle cx={last[0]} cy={last[1]} r={2.5} fill={BLUE} />}
    </svg>
  )
}
