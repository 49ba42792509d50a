import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CairnTeamRole, type CairnTeamRoleProps } from './team-role';

/** A stack holding one team's role, deployed into the team's own AWS account. */
export class CairnTeamRoleStack extends Stack {
  readonly teamRole: CairnTeamRole;

  constructor(scope: Construct, id: string, props: StackProps & { team: CairnTeamRoleProps }) {
    super(scope, id, props);
    this.teamRole = new CairnTeamRole(this, 'TeamRole', props.team);
  }
}
