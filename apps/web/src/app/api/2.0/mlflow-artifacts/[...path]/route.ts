// MLflow clients upload artifacts here; Cairn stores none, and says so in MLflow's error format.
export { GET as DELETE, GET, GET as PUT, POST } from '../../mlflow/[...path]/route';

export const dynamic = 'force-dynamic';
