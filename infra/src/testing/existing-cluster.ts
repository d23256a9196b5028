import { validateConfig, type InfraConfig } from '../config/load.ts'
import { committedConfig } from './synthesized.ts'

/** A VPC and cluster that exist already, as a team would describe them in shared.json. */
export const EXISTING_NETWORK = {
  mode: 'existing',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  publicSubnetIds: [
    'subnet-0aaaaaaaaaaaaaaa1',
    'subnet-0aaaaaaaaaaaaaaa2',
    'subnet-0aaaaaaaaaaaaaaa3',
  ],
  privateSubnetIds: [
    'subnet-0bbbbbbbbbbbbbbb1',
    'subnet-0bbbbbbbbbbbbbbb2',
    'subnet-0bbbbbbbbbbbbbbb3',
  ],
}

export const EXISTING_CLUSTER = {
  mode: 'existing',
  name: 'platform',
  nodegroupName: 'platform-general',
  nodeSecurityGroupId: 'sg-0c1c2c3c4c5c6c7c8',
  oidcProviderArn:
    'arn:aws:iam::123456789012:oidc-provider/oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  oidcIssuer: 'oidc.eks.ap-northeast-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  installEfsCsiDriver: false,
}

let existing: InfraConfig | undefined
/** The committed configuration, but on the VPC and cluster above: nothing of them is created. */
export function existingClusterConfig(): InfraConfig {
  const committed = committedConfig()
  existing ??= validateConfig({
    shared: { ...committed.shared, network: EXISTING_NETWORK, cluster: EXISTING_CLUSTER },
    environments: committed.environments,
  })
  return existing
}
