// Older MLflow clients and some tools call the `preview` prefix; the same handler serves it.
export { GET, POST } from '../../../mlflow/[...path]/route';

export const dynamic = 'force-dynamic';
