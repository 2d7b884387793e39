export type { TestClocksContext } from './context.js';
export type { TestClock } from './test-clock-types.js';
export { findTestClock as getTestClock, timeFor } from './find-test-clock.js';
export { createTestClock, type CreateTestClockInput } from './create-test-clock.js';
export {
  advanceTestClock,
  type AdvanceTestClockInput,
  type AdvanceProgress,
  type AdvanceResult,
} from './advance-test-clock.js';
export { listTestClocks } from './list-test-clocks.js';
export { deleteTestClock } from './delete-test-clock.js';
