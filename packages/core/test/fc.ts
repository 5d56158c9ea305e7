/**
 * Number of fast-check runs per property: 10,000 in CI (the floor), fewer locally unless
 * FC_NUM_RUNS says otherwise, so that a developer's inner loop stays quick.
 */
export const numRuns = Number(process.env.FC_NUM_RUNS ?? (process.env.CI ? 10_000 : 1_000));
