import { Stack, type StackProps } from 'aws-cdk-lib'
import type * as ec2 from 'aws-cdk-lib/aws-ec2'
import type { Construct } from 'constructs'
import type { SharedConfig } from '../config/schema.ts'
import { AnalyticsFileSystem } from '../constructs/analytics-file-system.ts'
import { Cluster, type ClusterHandle } from '../constructs/cluster.ts'
import { KubesecKey } from '../constructs/kubesec-key.ts'
import { Network } from '../constructs/network.ts'
import { VendorSecrets } from '../constructs/vendor-secrets.ts'
import { addOutputs } from '../outputs.ts'
import { kubesecAlias } from '@hexad/deploy-tools/plan'

/**
 * What the three environments share inside the account: the VPC, the EKS cluster and its node
 * group, the analytics file system behind the cluster-wide StorageClass, the kubesec key of
 * k8s/cluster/ and the vendor tokens the cluster's add-ons (Datadog, botkube) use.
 */
export class ClusterStack extends Stack {
  readonly vpc: ec2.IVpc
  readonly cluster: ClusterHandle

  constructor(scope: Construct, id: string, props: StackProps & { config: SharedConfig }) {
    super(scope, id, props)
    const { config } = props
    this.vpc = new Network(this, 'Network', config.network).vpc
    const eks = new Cluster(this, 'Eks', {
      config: config.cluster,
      vpc: this.vpc,
      access: config.clusterAccess,
    })
    this.cluster = eks.handle
    const analytics = new AnalyticsFileSystem(this, 'Analytics', {
      vpc: this.vpc,
      cluster: this.cluster,
      installCsiDriver: config.cluster.mode === 'create' || config.cluster.installEfsCsiDriver,
    })
    // The handle names the cluster by its configured name, which carries no dependency: the
    // add-on must still wait for the cluster.
    analytics.node.addDependency(eks.cluster)
    const kubesec = new KubesecKey(this, 'Kubesec', {
      alias: kubesecAlias('cluster'),
      people: config.kubesecUsers,
    })
    new VendorSecrets(this, 'VendorSecrets', { encryptionKey: kubesec.key })

    addOutputs(this, {
      ClusterName: [
        this.cluster.clusterName,
        'EKS_CLUSTER of CodeBuild; aws eks update-kubeconfig --name <this>',
      ],
      EfsFileSystemId: [
        analytics.fileSystem.fileSystemId,
        'k8s/cluster/storage-class.yaml parameters.fileSystemId',
      ],
      EfsOperatorsAccessPointId: [
        analytics.accessPoint.accessPointId,
        'mount -t efs -o tls,accesspoint=<this> <fs id> /mnt: /hexad as uid 1000',
      ],
      EfsCsiDriverRoleArn: [
        analytics.csiDriverRole.roleArn,
        'IRSA role of kube-system/efs-csi-controller-sa (set on the add-on)',
      ],
      ClusterKubesecKeyArn: [
        kubesec.aliasArn,
        `kubesec encrypt --key=<this> for k8s/cluster/** (${kubesecAlias('cluster')})`,
      ],
    })
  }
}
