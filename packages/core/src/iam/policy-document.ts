/** An IAM policy document as AWS reads it; plain JSON, so the portal and the CDK app share it. */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { AWS: string } | { Service: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: PolicyCondition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where the team's role lives; CDK passes its tokens (`Aws.ACCOUNT_ID`, ...) here. */
export interface AwsLocation {
  partition: string;
  accountId: string;
  /** One region, or '*' when the team's environments span several. */
  region: string;
}

/** Every action named in a document, for checks such as "no wildcard action". */
export function policyActions(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );
}
