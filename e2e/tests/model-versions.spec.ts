import { expect, test } from './hydrated-page';
import { projectUrl, signInAs, signOut } from './sign-in';
import { createProjectToken, logRun, MlflowApi } from './tracking-seed';

/** MLflow ids travel as 32 hex digits; Cairn's pages take the UUID form. */
function toUuid(id: string): string {
  const hex = id.replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test('an engineer registers a finished run as a model version, mirrored to SageMaker, with its lineage', async ({
  page,
  playwright,
}, testInfo) => {
  await signInAs(page, 'engineer@example.com');
  const projectPath = await projectUrl(page, 'Card Fraud Scoring');
  const groupName = `registry-${Date.now()}`;
  await page.getByRole('button', { name: 'New model group' }).click();
  await page.getByLabel('Name').fill(groupName);
  await page.getByRole('button', { name: 'Create model group' }).click();
  await expect(page.getByRole('table', { name: 'Model groups' })).toContainText(groupName);

  const token = await createProjectToken(page, projectPath, `e2e-registry-${Date.now()}`);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const api = new MlflowApi(request, token);
  const experimentId = await api.createExperiment(`registry-${Date.now()}`);
  const runId = await logRun(
    api,
    experimentId,
    { name: 'candidate', params: { lr: '0.01' }, finalAccuracy: 0.91, steps: 10, isFinished: true },
    Date.now() - 60_000,
  );

  await page.goto(`${projectPath}/runs/${toUuid(runId)}`);
  await expect(page.getByText('No model version was registered from this run.')).toBeVisible();
  await page.getByRole('button', { name: 'Register model' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Model group' }).click();
  await page.getByRole('option', { name: groupName }).click();
  await dialog
    .getByRole('textbox', { name: 'Artifact URI' })
    .fill('s3://cairn-artifacts/candidate/model.tar.gz');
  await dialog.getByRole('textbox', { name: 'Inference image' }).fill('python:3.12');
  await dialog.getByRole('combobox', { name: 'Framework' }).click();
  await page.getByRole('option', { name: 'XGBoost' }).click();
  await dialog.getByRole('textbox', { name: 'Intended use' }).fill('Card fraud triage');
  await dialog.getByRole('button', { name: 'Register model' }).click();
  await expect(dialog.getByText('Inference image must be an ECR image')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Inference image' })
    .fill('210987654321.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:1.0.0');
  await dialog.getByRole('button', { name: 'Register model' }).click();
  await expect(dialog).toHaveCount(0);

  const lineage = page.getByRole('table', { name: 'Model versions from this run' });
  await expect(lineage).toContainText(`${groupName} v1`);
  await expect(lineage).toContainText('pending approval');
  await expect(lineage).toContainText('in SageMaker', { timeout: 30_000 });

  await page.goto(projectPath);
  const groupRow = page
    .getByRole('table', { name: 'Model groups' })
    .getByRole('row', { name: new RegExp(groupName) });
  await groupRow.getByRole('button', { name: 'Show 1 version' }).click();
  const versions = page.getByRole('table', { name: 'Model versions' });
  await expect(versions).toContainText('v1');
  await expect(versions).toContainText('in SageMaker');
  await versions.getByRole('link', { name: 'candidate' }).click();
  await expect(page.getByRole('heading', { name: 'candidate' })).toBeVisible();
  await signOut(page);
});
