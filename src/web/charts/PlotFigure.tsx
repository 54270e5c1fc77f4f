/**
 * The frame every chart shares: a figure with a heading-like caption, the Observable Plot SVG
 * (with an accessible name), notes, and the values as a table that can be opened (the text
 * alternative, WCAG 2.1 1.1.1). Plot output is adapted to the app's CSP and to axe-core (see
 * `adoptPlot` in core/charts/plot.ts).
 */
import * as Plot from '@observablehq/plot'
import { useEffect, useRef, useState, type ReactNode } from 'react'

import { adoptPlot } from '../../core/charts/plot.js'
import { useI18n } from '../i18n/I18nProvider.js'
import './charts.css'

/** The width of an element, followed as it changes (charts draw to the width they get). */
function useWidth(ref: React.RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width) || fallback)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    // Widths are rounded to 8 px, so that scrollbars coming and going do not redraw in a loop.
    const observer = new ResizeObserver(() => measure())
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, fallback])
  return width > 0 ? Math.max(240, Math.round(width / 8) * 8) : 0
}

export interface PlotFigureProps {
  /** Visible title of the figure (its caption). */
  title: string
  /** Accessible name of the chart image: what it shows, in one sentence. */
  label: string
  /** Plot options for a given width; memoise it, it runs again when it changes. */
  plot: ((width: number) => Plot.PlotOptions) | null
  /** Called with the rendered SVG (e.g. to make marks clickable). */
  onRender?: (svg: SVGSVGElement) => void
  /** Legend or notes under the chart. */
  children?: ReactNode
  /** The values as a table (the text alternative). */
  table: ReactNode
  /** Open the table from the start. */
  tableOpen?: boolean
  /** `data-chart` attribute, for styles and tests. */
  kind: string
  /** Extra class of the figure. */
  className?: string
  /** Expected height, for the placeholder before the first drawing (avoids a jump). */
  minHeight?: number
}

/** A chart in a figure with caption, accessible name and a table of its values. */
export function PlotFigure({
  title,
  label,
  plot,
  onRender,
  children,
  table,
  tableOpen = false,
  kind,
  className,
  minHeight = 200,
}: PlotFigureProps) {
  const { t } = useI18n()
  const host = useRef<HTMLDivElement>(null)
  const width = useWidth(host, 640)
  const [state, setState] = useState<'loading' | 'ready' | 'empty'>('loading')

  useEffect(() => {
    const element = host.current
    if (!element || width === 0) return
    if (!plot) {
      element.replaceChildren()
      setState('empty')
      return
    }
    const svg = Plot.plot({ ...plot(width), className: 'plot', figure: false })
    if (!(svg instanceof SVGSVGElement)) throw new Error('Plot returned a figure; expected an SVG.')
    adoptPlot(svg, label)
    element.replaceChildren(svg)
    onRender?.(svg)
    setState('ready')
    return () => {
      element.replaceChildren()
    }
  }, [plot, width, label, onRender])

  return (
    <figure
      className={className ? `chart ${className}` : 'chart'}
      data-chart={kind}
      data-state={state}
    >
      <figcaption className="chart__title">{title}</figcaption>
      <div
        ref={host}
        className={`chart__plot${state === 'ready' ? '' : ` chart__plot--pending-${minHeight > 250 ? 'tall' : 'short'}`}`}
      />
      {state === 'empty' && <p className="chart__empty">{t('chart.noData')}</p>}
      {children}
      <details className="chart__table" open={tableOpen}>
        <summary>{t('chart.table')}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  )
}
