import type { SupportedEpsg } from './crs.js'
import type { BoundaryIssue } from './errors.js'
import type { RawGeometry } from './reproject.js'

/** One feature as read from a file: attributes and geometry (after reading: WGS 84 lon/lat). */
export interface BoundaryFeature {
  /** Position in the file, counting from 0. */
  index: number
  properties: Record<string, unknown>
  geometry: RawGeometry | null
}

/** What a file declares or implies about its coordinates. */
export interface SourceCrs {
  epsg: SupportedEpsg
  /** How it was determined, e.g. "the .prj file", "the GeoJSON crs member", "RFC 7946 default". */
  declaredBy: string
  detail: string
}

/** A boundary file read into memory, in the file's own coordinates (before reprojection). */
export interface ParsedBoundaries {
  format: 'geojson' | 'shapefile'
  /** Attribute names in file order (for messages that list what is there). */
  fields: string[]
  features: BoundaryFeature[]
  crs: SourceCrs
  /** The text encoding of the attributes and where it came from. */
  encoding: { name: string; source: 'option' | 'cpg' | 'default' | 'rfc7946' }
}

/** A boundary file ready for import: coordinates in WGS 84 lon/lat, 7 decimals. */
export interface BoundaryFile extends ParsedBoundaries {
  fileName: string
  /** Features whose coordinates could not be read (their geometry is null). */
  issues: BoundaryIssue[]
}

/** Options that override what a file declares. */
export interface ReadOptions {
  /** Text encoding of the DBF (or GeoJSON) attributes, e.g. "windows-1252", "utf-8". */
  encoding?: string
  /** The source CRS when the file declares none or a wrong one. */
  crs?: SupportedEpsg
}
