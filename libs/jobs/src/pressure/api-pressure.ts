/**
 * "Background work gives way to requests": the contract between the API processes, which
 * raise a flag in Redis while they are busy (apps/api ApiPressureReporter), and the workers,
 * whose background jobs wait while it is up (apps/worker BackgroundYield).
 */

/** How often an API process looks at its own load. */
export const PRESSURE_SAMPLE_MS = 100;
/** Event-loop utilisation over one sample from which an API process counts as busy. */
export const BUSY_UTILISATION = 0.3;
/** How long one busy sample keeps the flag up: several samples, so a storm reads as one busy stretch. */
export const BUSY_HOLD_MS = 1_000;

/** The flag's key, under the deployment's prefix like its queues. */
export const apiBusyKey = (queuePrefix: string): string => `${queuePrefix}:api-busy`;
