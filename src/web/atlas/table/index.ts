/**
 * The atlas table (the accessible alternative to the map) and the downloads. Strings in
 * ../controls/messages.ts (`controls.table.*`, `controls.download.*`).
 */
import '../controls/controls.css'
import './table.css'

export { AtlasTable, type AtlasTableProps } from './AtlasTable.js'
export { AtlasTableLoader, type AtlasTableLoaderProps } from './AtlasTableLoader.js'
export { Downloads, type DownloadsProps } from './Downloads.js'
export {
  downloadHref,
  downloadFileName,
  type DownloadFormat,
  type DownloadSelection,
} from './downloads.js'
export { MISSING_SYMBOL, SUPPRESSED_SYMBOL } from './symbols.js'
