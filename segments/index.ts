export { segmentCondition, type SegmentScope } from './compileSegment';
export { countSegment, segmentCustomerIds } from './querySegment';
export { fuelTypes, parseSegment, segmentSchema, type PointInTime, type Segment } from './segmentSchema';
