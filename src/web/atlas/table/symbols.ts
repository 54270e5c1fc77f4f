/**
 * The symbols of the atlas table, map legend and tooltips. "." is the official symbol of German
 * statistics for a value kept secret (DESIGN.md §5), as in the CSV and XLSX downloads; "–" marks
 * an area without data.
 */
export const SUPPRESSED_SYMBOL = '.'
export const MISSING_SYMBOL = '–'
