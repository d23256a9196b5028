import { ArnFormat, Duration, Stack } from 'aws-cdk-lib'
import * as codebuild from 'aws-cdk-lib/aws-codebuild'
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline'
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions'
import * as eks from 'aws-cdk-lib/aws-eks-v2'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as logs from 'aws-cdk-lib/aws-logs'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { Construct } from 'constructs'
import type { SharedConfig } from '../config/schema.ts'
import { namespaceOf, type Environment } from '@hexad/deploy-tools/plan'
import type { ClusterHandle } from './cluster.ts'
import type { KubesecKey } from './kubesec-key.ts'

export const BUILDSPEC = 'k8s/buildspec.yml'

export interface DeliveryProps {
  env: Environment
  shared: SharedConfig
  cluster: ClusterHandle
  kubesec: KubesecKey
  artifacts: s3.IBucket
}

/**
 * GitOps for one environment: a push to the `<env>` branch starts the pipeline, whose one build
 * runs k8s/buildspec.yml (dry-run, kubesec decrypt, apply k8s/<env>/). The build's role may find
 * the cluster, decrypt with this environment's kubesec key, and — through an EKS access entry —
 * edit the objects of its own namespace and no other.
 */
export class Delivery extends Construct {
  readonly pipeline: codepipeline.Pipeline
  readonly project: codebuild.PipelineProject

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id)
    const { env, shared, cluster } = props
    this.project = new codebuild.PipelineProject(this, 'Apply', {
      projectName: `hexad-${env}-apply`,
      description: `${BUILDSPEC} for k8s/${env}/`,
      buildSpec: codebuild.BuildSpec.fromSourceFilename(BUILDSPEC),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.SMALL,
        environmentVariables: {
          ENV: { value: env },
          EKS_CLUSTER: { value: cluster.clusterName },
        },
      },
      timeout: Duration.minutes(30),
      logging: {
        cloudWatch: {
          logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.SIX_MONTHS }),
        },
      },
    })
    const role = this.project.role as iam.Role
    // `aws eks update-kubeconfig --name $EKS_CLUSTER`
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['eks:DescribeCluster'],
        resources: [
          Stack.of(this).formatArn({
            service: 'eks',
            resource: 'cluster',
            resourceName: cluster.clusterName,
          }),
        ],
      }),
    )
    props.kubesec.allowDecrypt(role)
    new eks.AccessEntry(this, 'Deployer', {
      cluster: eks.Cluster.fromClusterAttributes(this, 'Cluster', {
        clusterName: cluster.clusterName,
      }),
      principal: role.roleArn,
      accessPolicies: [
        eks.AccessPolicy.fromAccessPolicyName('AmazonEKSEditPolicy', {
          accessScopeType: eks.AccessScopeType.NAMESPACE,
          namespaces: [namespaceOf(env)],
        }),
      ],
    })

    const source = new codepipeline.Artifact('source')
    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: `hexad-${env}`,
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket: props.artifacts,
      restartExecutionOnUpdate: false,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.CodeStarConnectionsSourceAction({
              actionName: 'GitHub',
              connectionArn: shared.codeConnectionArn,
              owner: shared.repository.owner,
              repo: shared.repository.name,
              branch: env,
              output: source,
              triggerOnPush: true,
            }),
          ],
        },
        {
          stageName: 'Apply',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'kubectl',
              project: this.project,
              input: source,
            }),
          ],
        },
      ],
    })

    acknowledge(this, {
      id: 'AwsSolutions-CB4',
      reason:
        'The build holds the repository (kubesec files are ciphertext) and writes no artifacts; the artifact bucket is encrypted with S3-managed keys.',
    })
    // What CDK grants the pipeline, its source action and the build on their own artifact
    // bucket (object keys are made per execution) and on the build's default log group and
    // report groups (named after the project, suffixed per run).
    const stack = Stack.of(this)
    const projectName = this.project.projectName
    const generated = [
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map(
        (action) => wildcardFinding(this, 'Action', action),
      ),
      wildcardFinding(this, 'Resource', props.artifacts.arnForObjects('*')),
      wildcardFinding(
        this,
        'Resource',
        `${stack.formatArn({ service: 'logs', resource: 'log-group', arnFormat: ArnFormat.COLON_RESOURCE_NAME, resourceName: `/aws/codebuild/${projectName}` })}:*`,
      ),
      wildcardFinding(
        this,
        'Resource',
        stack.formatArn({
          service: 'codebuild',
          resource: 'report-group',
          resourceName: `${projectName}-*`,
        }),
      ),
    ]
    acknowledge(
      this,
      ...generated.map((id) => ({
        id,
        reason:
          "CDK's grants on the pipeline's own artifact bucket, log group and report groups, whose keys and names are made per run.",
      })),
    )
  }
}
