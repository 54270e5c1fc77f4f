/**
 * The map downloads (PNG of the drawn canvas, SVG of the same areas projected here), offered by
 * the Downloads list of the table helper through `onPng` / `onSvg`.
 */
import { useCallback, useState } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import { fileName, pngOfMap, saveFile } from './png.js'
import { type SvgMapOptions, svgMap } from '../../../core/maps/svg.js'

/** What both exports share: texts, legend and the data of the SVG. */
export type MapExport = Omit<SvgMapOptions, 'width' | 'lang' | 'areas'> & {
  /** Parts of the file name (organisation, indicator, layer, year …). */
  nameParts: readonly (string | number)[]
  /** The areas of the SVG, loaded when it is asked for (the map itself draws from tiles). */
  areas: () => Promise<SvgMapOptions['areas']>
}

/**
 * Export actions for the current view; `failure` says why the last one failed.
 *
 * @example const { png, svg } = useMapExport(() => handle?.canvas() ?? null, exportData)
 */
export function useMapExport(
  canvas: () => HTMLCanvasElement | null,
  data: MapExport | null,
): { png: () => void; svg: () => void; failure: string | null } {
  const { language } = useI18n()
  const [failure, setFailure] = useState<string | null>(null)
  const run = useCallback(
    async (kind: 'png' | 'svg') => {
      if (!data) return
      setFailure(null)
      try {
        if (kind === 'svg') {
          const text = svgMap({ ...data, areas: await data.areas(), lang: language })
          const blob = new Blob([text], { type: 'image/svg+xml;charset=utf-8' })
          saveFile(blob, fileName(data.nameParts, 'svg'))
        } else {
          const map = canvas()
          if (!map) throw new Error('the map is not shown yet')
          saveFile(await pngOfMap(map, data), fileName(data.nameParts, 'png'))
        }
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error))
      }
    },
    [canvas, data, language],
  )
  return {
    png: useCallback(() => void run('png'), [run]),
    svg: useCallback(() => void run('svg'), [run]),
    failure,
  }
}
