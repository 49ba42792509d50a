/** "2h 03m", "4m 05s", "12s": a run's wall time, to the second. */
export function formatDuration(startTime: Date, endTime: Date | null, now: Date = new Date()): string {
  const end = endTime ?? now;
  const totalSeconds = Math.max(0, Math.floor((end.getTime() - startTime.getTime()) / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** The first 8 characters of an id or a commit: enough to tell runs apart on screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Tags MLflow clients set for their own bookkeeping; the run page lists them apart. */
export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}
