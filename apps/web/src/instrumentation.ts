/**
 * Next.js calls this once when a server starts. Traces are exported only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise nothing of OpenTelemetry's SDK is even loaded.
 */
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next sets NEXT_RUNTIME per bundle; the SDK needs Node.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./env');
  if (!env.otel) return;
  const { startTracing } = await import('./server/tracing');
  const provider = startTracing(env.otel);
  // Next exits once in-flight requests finish; send what is batched before that.
  process.once('SIGTERM', () => void provider.forceFlush());
}
