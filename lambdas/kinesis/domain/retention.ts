/** Retention arithmetic: what readers may still see, and when stored data may expire. */
export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;

const HOUR_MS = 3_600_000;

/** Records that arrived before this instant (epoch ms) are past retention. */
export function retentionCutoff(now: number, retentionHours: number): number {
  return now - retentionHours * HOUR_MS;
}

/** When data that arrived at `arrival` (epoch ms) may be deleted: a DynamoDB TTL, in epoch seconds. */
export function expiresAt(arrival: number, retentionHours: number): number {
  return Math.ceil(arrival / 1000) + retentionHours * 3600;
}
