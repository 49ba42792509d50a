import type { Metadata } from 'next';
import { CompareView } from './compare-view';

interface ComparePageProps {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<{ runs?: string | string[] }>;
}

export const metadata: Metadata = { title: 'Compare runs' };

/** `?runs=a,b,c`: the order of the ids is the order (and color) of the runs on the page. */
export default async function ComparePage({ params, searchParams }: ComparePageProps) {
  const { projectId } = await params;
  const { runs } = await searchParams;
  const raw = Array.isArray(runs) ? runs.join(',') : (runs ?? '');
  const runIds = [
    ...new Set(
      raw
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  return <CompareView projectId={projectId} runIds={runIds} />;
}
