/** MLflow system tags that Cairn also keeps as run columns, so lists and search read them directly. */
export const RUN_NAME_TAG = 'mlflow.runName';
const USER_TAG = 'mlflow.user';
const SOURCE_TAG = 'mlflow.source.name';
const GIT_COMMIT_TAG = 'mlflow.source.git.commit';

export interface RunTagColumns {
  name?: string;
  userName?: string;
  source?: string;
  gitCommit?: string;
}

/** The run columns that a set of tags updates. */
export function columnsFromTags(tags: Map<string, string>): RunTagColumns {
  const columns: RunTagColumns = {};
  const name = tags.get(RUN_NAME_TAG);
  if (name !== undefined) columns.name = name;
  const userName = tags.get(USER_TAG);
  if (userName !== undefined) columns.userName = userName;
  const source = tags.get(SOURCE_TAG);
  if (source !== undefined) columns.source = source;
  const gitCommit = tags.get(GIT_COMMIT_TAG);
  if (gitCommit !== undefined) columns.gitCommit = gitCommit;
  return columns;
}

/** Tags as a map: the last value of a key wins, as a repeated set-tag would. */
export function tagMap(tags: Array<{ key: string; value: string }>): Map<string, string> {
  return new Map(tags.map((tag) => [tag.key, tag.value]));
}
