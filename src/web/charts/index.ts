/**
 * The charts of the atlas and the area profile (Observable Plot, bundled; no CDN). Each renders
 * into a figure with a caption, an accessible name and its values as a table.
 */
export {
  PopulationPyramid,
  type PopulationPyramidProps,
  type PyramidGroup,
} from './PopulationPyramid.js'
export { RankingChart, type RankingChartProps, type RankingRow } from './RankingChart.js'
export { ScatterChart, type ScatterChartProps, type ScatterPoint } from './ScatterChart.js'
export { Sparkline, type SparklineProps } from './Sparkline.js'
export {
  TimeSeriesChart,
  type TimeSeries,
  type TimeSeriesChartProps,
  type TimeSeriesPoint,
} from './TimeSeriesChart.js'
export { formatValue, type ValueStatus } from '../../core/charts/format.js'
