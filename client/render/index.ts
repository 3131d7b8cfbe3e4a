/** Pure renderers of a cutover's status, shared by the demo and the `watch` command. */
export { ansi, paletteFor, plain, wantsColour, type Palette } from './colour';
export { gateLine } from './gate';
export { formatValue, metricLine, metricsLine, valueText, verdictText } from './metrics';
export { summary, type SummaryOptions } from './summary';
export { clockTime, elapsed } from './time';
export { asideLine, timelineLine, type LineOptions } from './timeline';
export { weightBar } from './weights';
