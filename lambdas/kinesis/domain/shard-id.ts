export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/**
 * AWS accepts `shardId-000000000005`, `shardId-5`, `5` or anything ending in `-5` for shard 5.
 * Returns undefined for a shard id that names no index.
 */
export function parseShardId(shardId: string): number | undefined {
  const m = /(?:^|-)(\d+)$/.exec(shardId);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}
