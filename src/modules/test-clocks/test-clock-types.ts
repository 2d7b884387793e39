import type { testClocks } from './schema.js';

export type TestClock = typeof testClocks.$inferSelect;
