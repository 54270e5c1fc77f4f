/**
 * Problems with a boundary file. `FILE_*` and `CRS_*` concern the whole file (format, projection,
 * encoding); `FEATURES_INVALID` lists every feature that cannot be imported, each with its index
 * (counting from 0, in file order) and the property concerned.
 */
export type BoundaryErrorCode =
  | 'FILE_FORMAT'
  | 'FILE_INVALID'
  | 'SHAPEFILE_PARTS'
  | 'ENCODING_UNKNOWN'
  | 'CRS_UNKNOWN'
  | 'CRS_MISMATCH'
  | 'FEATURES_INVALID'
  | 'LAYER_INVALID'
  | 'OPTION_INVALID'
  | 'VERSION_INVALID'

/** One problem of one feature (or of the file when `featureIndex` is absent). */
export interface BoundaryIssue {
  /** Position of the feature in the file, counting from 0. */
  featureIndex?: number
  /** The attribute concerned, e.g. "FIPS", or "geometry". */
  property?: string
  message: string
}

/** An import that cannot go ahead; nothing was written. The message says what was expected. */
export class BoundaryError extends Error {
  override name = 'BoundaryError'
  constructor(
    readonly code: BoundaryErrorCode,
    message: string,
    readonly issues: BoundaryIssue[] = [],
  ) {
    super(message)
  }
}

/** "file.zip, feature 12, property "FIPS"" — where a problem is, for messages. */
export function issueLocation(file: string, issue: Omit<BoundaryIssue, 'message'>): string {
  const parts = [file]
  if (issue.featureIndex !== undefined) parts.push(`feature ${issue.featureIndex}`)
  if (issue.property !== undefined) parts.push(`property "${issue.property}"`)
  return parts.join(', ')
}
