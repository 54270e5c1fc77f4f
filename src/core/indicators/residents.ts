/**
 * Residents in Planraum's variable convention: the sex × nationality × age-group counts
 * `pop_{m|f}_{de|nd}_{age}`. A PostgreSQL/JavaScript regular expression over variable keys, used
 * wherever residents are summed (population queries, population-weighted crosswalks).
 */
export const RESIDENT_VARIABLE_PATTERN = '^pop_[mf]_(de|nd)_'
