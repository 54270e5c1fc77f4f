/** Types of the atlas controls' props that are not shared atlas data (see ../types.ts). */

/** A layer (Raumebene) the atlas can show. */
export interface LayerOption {
  key: string
  nameDe: string
  nameEn: string
  /** Number of areas, shown beside the name when known. */
  areaCount?: number
}
