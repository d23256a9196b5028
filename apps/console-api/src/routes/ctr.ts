/** clicks / impressions, 0 when there were no impressions (the contract's `ctr`). */
export const ctr = (clicks: number, impressions: number) =>
  impressions === 0 ? 0 : clicks / impressions
