/**
 * The controls of the atlas: indicator picker, indicator metadata, period slider with play,
 * layer switch and map mode. Strings in ./messages.ts (`controls.*`).
 */
import './controls.css'

export { IndicatorInfo, type IndicatorInfoProps } from './IndicatorInfo.js'
export { IndicatorPicker, type IndicatorPickerProps } from './IndicatorPicker.js'
export { LayerSwitch, type LayerSwitchProps } from './LayerSwitch.js'
export { ModeSwitch, type ModeSwitchProps } from './ModeSwitch.js'
export { PeriodSlider, type PeriodSliderProps } from './PeriodSlider.js'
export { PLAY_INTERVAL_MS, REDUCED_MOTION_INTERVAL_MS } from './period.js'
export { groupByTopic, filterIndicators, TOPIC_ORDER } from './indicatorSearch.js'
export { topicName } from './topics.js'
export type { LayerOption } from './types.js'
