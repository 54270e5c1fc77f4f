/**
 * Building and indexing the flattened area hierarchy (`AreaTree`) the engine works on.
 */
import type { AreaTree } from './types.js'

/** An input the engine cannot work with; the message says what was expected and what came. */
export class EngineError extends Error {
  override readonly name = 'EngineError'
  constructor(
    readonly code: 'ENGINE_INPUT' | 'ENGINE_UNKNOWN_INDICATOR' | 'ENGINE_NO_FLAGS',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Builds an `AreaTree` from parent indices and layer numbers (0 = coarsest) and checks it.
 *
 * @example
 * // city → 2 districts
 * const tree = createAreaTree([-1, 0, 0], [0, 1, 1])
 * tree.layerCount // 2
 */
export function createAreaTree(parent: ArrayLike<number>, layer: ArrayLike<number>): AreaTree {
  let layerCount = 0
  for (let a = 0; a < layer.length; a++) layerCount = Math.max(layerCount, (layer[a] as number) + 1)
  const tree: AreaTree = {
    size: parent.length,
    parent: Int32Array.from(parent),
    layer: Int32Array.from(layer),
    layerCount,
  }
  indexTree(tree)
  return tree
}

/** Derived lookups of a tree, computed once per tree and shared by results. */
export interface TreeIndex {
  /** Areas grouped by layer (ascending area index within a layer). */
  layerAreas: Int32Array
  /** `layerAreas[layerStart[l] .. layerStart[l + 1])` are the areas of layer `l`. */
  layerStart: Int32Array
  /** The top area above each area (itself for a top area). */
  root: Int32Array
  /** Number of children of each area. */
  childCount: Int32Array
  /** Size of the largest layer (for scratch buffers). */
  maxLayerSize: number
}

/**
 * Checks a tree (parents are valid indices in a coarser layer) and indexes it.
 *
 * @throws EngineError when the tree is inconsistent.
 */
export function indexTree(tree: AreaTree): TreeIndex {
  const { size, parent, layer, layerCount } = tree
  if (parent.length !== size || layer.length !== size) {
    throw new EngineError(
      'ENGINE_INPUT',
      `Expected parent and layer arrays of length ${size}, got ${parent.length} and ${layer.length}`,
    )
  }
  const layerStart = new Int32Array(layerCount + 1)
  const childCount = new Int32Array(size)
  for (let a = 0; a < size; a++) {
    const l = layer[a] as number
    if (!(l >= 0 && l < layerCount)) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected a layer in 0..${layerCount - 1} for area ${a}, got ${l}`,
      )
    }
    const p = parent[a] as number
    if (p !== -1) {
      if (!(p >= 0 && p < size) || !((layer[p] as number) < l)) {
        throw new EngineError(
          'ENGINE_INPUT',
          `Expected the parent of area ${a} (layer ${l}) to be -1 or an area of a coarser layer, got ${p}${p >= 0 && p < size ? ` (layer ${layer[p]})` : ''}`,
        )
      }
      childCount[p] = (childCount[p] as number) + 1
    }
    layerStart[l + 1] = (layerStart[l + 1] as number) + 1
  }
  let maxLayerSize = 0
  for (let l = 0; l < layerCount; l++) {
    maxLayerSize = Math.max(maxLayerSize, layerStart[l + 1] as number)
    layerStart[l + 1] = (layerStart[l + 1] as number) + (layerStart[l] as number)
  }
  const fill = layerStart.slice(0, layerCount)
  const layerAreas = new Int32Array(size)
  for (let a = 0; a < size; a++) {
    const l = layer[a] as number
    const k = fill[l] as number
    layerAreas[k] = a
    fill[l] = k + 1
  }
  // Coarse layers first, so every parent's root is known before its children's.
  const root = new Int32Array(size)
  for (let k = 0; k < size; k++) {
    const a = layerAreas[k] as number
    const p = parent[a] as number
    root[a] = p === -1 ? a : (root[p] as number)
  }
  return { layerAreas, layerStart, root, childCount, maxLayerSize }
}
