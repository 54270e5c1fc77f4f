/**
 * Typology methods against an established tool on real data: Ward clustering and silhouette
 * widths on the Columbus neighbourhoods (CRIME, INC, HOVAL, z-standardised as R `scale()`), and
 * k-means on the example published in scikit-learn's documentation.
 *
 * Reference values for Columbus: R 4.2 with `cluster` 2.1 (Debian packages r-base and
 * r-cran-cluster), computed by this script on ../shared/data/columbus/columbus.csv:
 *
 *   library(cluster)
 *   d <- read.csv("columbus.csv"); x <- scale(d[, c("CRIME", "INC", "HOVAL")])
 *   h <- hclust(dist(x), "ward.D2"); cl <- cutree(h, 3); s <- silhouette(cl, dist(x))
 *   summary(s)$avg.width          # 0.3635186254
 *   table(cl)                     # 6 14 29
 *   s[1:5, "sil_width"]           # 0.2349987654 0.6239617972 -0.0413385696 0.3764166230 0.5854058773
 *   tail(h$height, 3)             # 5.3869326708 5.8143755065 11.9179846075
 */
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { zScores } from '../../src/core/analysis/stats.js'
import { kmeans, silhouette, wardClustering } from '../../src/core/analysis/typology.js'
import { sharedData } from '../helpers/shared.js'

/** Numeric columns of the Columbus CSV (simple: no quoted commas inside values). */
function columns(names: string[]): number[][] {
  const [header, ...rows] = readFileSync(sharedData('columbus', 'columbus.csv'), 'utf8')
    .trim()
    .split('\n')
  const heads = header!.split(',').map((h) => h.replaceAll('"', ''))
  const indices = names.map((name) => {
    const index = heads.indexOf(name)
    if (index < 0) throw new Error(`columbus.csv has no column ${name}`)
    return index
  })
  return indices.map((index) => rows.map((row) => Number(row.split(',')[index])))
}

describe('typology against R (cluster::silhouette, hclust ward.D2) on Columbus', () => {
  const standardised = columns(['CRIME', 'INC', 'HOVAL']).map((column) => zScores(column))
  const data = standardised[0]!.map((_, i) => standardised.map((column) => column[i]!))

  it('merges at the heights R reports and cuts into clusters of 6, 14 and 29', () => {
    const tree = wardClustering(data)
    const heights = tree.merges.map((merge) => merge.height).slice(-3)
    ;[5.3869326708, 5.8143755065, 11.9179846075].forEach((expected, i) =>
      expect(heights[i]).toBeCloseTo(expected, 8),
    )
    const sizes = [0, 1, 2].map((c) => tree.cut(3).filter((a) => a === c).length)
    expect(sizes.sort((a, b) => a - b)).toEqual([6, 14, 29])
  })

  it('gives the silhouette widths of R for that partition', () => {
    const clusters = wardClustering(data).cut(3)
    const s = silhouette(data, clusters)
    expect(s.mean).toBeCloseTo(0.3635186254, 9)
    ;[0.2349987654, 0.6239617972, -0.0413385696, 0.376416623, 0.5854058773].forEach((expected, i) =>
      expect(s.widths[i]).toBeCloseTo(expected, 9),
    )
    // Per-cluster means in R: 0.1031891580 (6 areas), 0.4581880502 (14), 0.3716774136 (29);
    // cluster numbers may differ, so they are compared in the order of the cluster sizes.
    const size = (c: number) => clusters.filter((a) => a === c).length
    const bySize = s.clusterMeans
      .map((mean, c) => ({ mean, size: size(c) }))
      .sort((x, y) => x.size - y.size)
      .map((entry) => entry.mean)
    ;[0.103189158, 0.4581880502, 0.3716774136].forEach((expected, i) =>
      expect(bySize[i]).toBeCloseTo(expected, 9),
    )
  })
})

describe('k-means against the example of scikit-learn (sklearn.cluster.KMeans docstring)', () => {
  it('finds the two clusters with centres (1, 2) and (10, 2)', () => {
    // X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]]; published: labels [1 1 1 0 0 0],
    // cluster_centers_ [[10, 2], [1, 2]] (label numbers are arbitrary).
    const X = [
      [1, 2],
      [1, 4],
      [1, 0],
      [10, 2],
      [10, 4],
      [10, 0],
    ]
    const result = kmeans(X, 2, { seed: 0 })
    const [a, b] = [result.assignments[0]!, result.assignments[3]!]
    expect(a).not.toBe(b)
    expect(result.assignments).toEqual([a, a, a, b, b, b])
    expect(result.centers[a]).toEqual([1, 2])
    expect(result.centers[b]).toEqual([10, 2])
    // Within sums of squares: 4 + 4 per cluster.
    expect(result.totalWithinSS).toBeCloseTo(16, 12)
  })
})
