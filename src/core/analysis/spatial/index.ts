/**
 * Spatial statistics for planning areas: weights (contiguity, k nearest neighbours, distance
 * bands), global Moran's I and Geary's C, local Moran (LISA), Getis-Ord Gi/Gi* and empirical Bayes
 * rate smoothing. Pure and browser-safe; checked against spdep and PySAL reference values
 * (test/integration/analysis-spatial-reference.test.ts).
 */
export * from './weights.js'
export * from './contiguity.js'
export * from './distance.js'
export * from './inference.js'
export * from './moran.js'
export * from './geary.js'
export * from './localMoran.js'
export * from './getisOrd.js'
export * from './empiricalBayes.js'
