export { computeMetrics, type MetricValues } from './compute.js';
export { prepareWeights, type Metric } from './metric.js';
export { DEFAULT_METRIC_IDS, getMetric, knownMetricIds, parseMetricList } from './registry.js';
export { parseFraction, type Fraction } from './exact.js';
