import Type, { type Static, type TProperties } from 'typebox'

/**
 * The shape of infra/config/*.json. Everything that differs between teams and accounts lives in
 * those files; the stacks hard-code nothing but hexad's own layout (names, ports, paths).
 */

/** Objects refuse unknown keys, so a misspelt setting fails loudly instead of being ignored. */
const Strict = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) })

const Account = Type.String({ pattern: '^[0-9]{12}$', description: 'AWS account id' })
const Region = Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$', description: 'AWS region' })
const Hostname = Type.String({
  pattern: '^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
})
const PrincipalArn = Type.String({ pattern: '^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:[a-z-]+/.+$' })
const Uuid = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
})
const BucketName = Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })
const Days = Type.Integer({ minimum: 1, maximum: 36500 })
const Prefix = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*/$' })

const AvailabilityZone = Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$' })
const SubnetIds = Type.Array(Type.String({ pattern: '^subnet-[0-9a-f]{8,17}$' }), {
  minItems: 2,
})

export const NetworkSchema = Type.Union([
  Strict(
    {
      mode: Type.Literal('create'),
      cidr: Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}/(1[6-9]|2[0-4])$' }),
      /** Named here so synthesis never looks them up (the stacks work offline). */
      availabilityZones: Type.Array(AvailabilityZone, { minItems: 3, maxItems: 3 }),
      /** One NAT gateway is cheap; one per AZ survives the loss of an AZ. */
      natGateways: Type.Integer({ minimum: 1, maximum: 3 }),
    },
    'a new VPC over three AZs: public subnets for the ALB, private ones for nodes and Aurora',
  ),
  Strict(
    {
      mode: Type.Literal('existing'),
      vpcId: Type.String({ pattern: '^vpc-[0-9a-f]{8,17}$' }),
      availabilityZones: Type.Array(AvailabilityZone, { minItems: 2 }),
      publicSubnetIds: SubnetIds,
      privateSubnetIds: SubnetIds,
    },
    'a VPC that exists: ids as the console shows them, in the order of availabilityZones',
  ),
])

const NodeGroupSchema = Strict({
  /**
   * Named, so the environments' stacks can name it too. EKS replaces a node group whose instance
   * types change, and a replacement needs a new name: change both together.
   */
  name: Type.String({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$' }),
  instanceTypes: Type.Array(Type.String({ pattern: '^[a-z0-9]+\\.[a-z0-9]+$' }), { minItems: 1 }),
  minSize: Type.Integer({ minimum: 1 }),
  desiredSize: Type.Integer({ minimum: 1 }),
  maxSize: Type.Integer({ minimum: 1 }),
  diskSizeGiB: Type.Integer({ minimum: 20, maximum: 1000 }),
})

export const ClusterSchema = Type.Union([
  Strict(
    {
      mode: Type.Literal('create'),
      name: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9-]{0,99}$' }),
      /** "1.32": k8s/buildspec.yml's kubectl must stay within one minor version of it. */
      kubernetesVersion: Type.String({ pattern: '^1\\.[0-9]{2}$' }),
      nodeGroup: NodeGroupSchema,
      /** Who may reach the public API endpoint (CodeBuild runs outside the VPC). */
      publicEndpointCidrs: Type.Array(Type.String(), { minItems: 1 }),
    },
    'a new EKS cluster with a managed node group in the private subnets',
  ),
  Strict(
    {
      mode: Type.Literal('existing'),
      name: Type.String(),
      /** The managed node group whose instances are the ALB's targets. */
      nodegroupName: Type.String(),
      /** The security group of those nodes (for a managed group: the cluster security group). */
      nodeSecurityGroupId: Type.String({ pattern: '^sg-[0-9a-f]{8,17}$' }),
      /** IRSA: the cluster's IAM OIDC provider and its issuer without https:// */
      oidcProviderArn: Type.String({ pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$' }),
      oidcIssuer: Type.String({
        pattern: '^oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com/id/[A-Z0-9]+$',
      }),
      /** Whether this app installs the EFS CSI driver add-on (false when the cluster has it). */
      installEfsCsiDriver: Type.Boolean(),
    },
    'a cluster that exists, with authentication mode API or API_AND_CONFIG_MAP',
  ),
])

const AccessSchema = Strict({
  principalArn: PrincipalArn,
  /** EKS access policies: cluster-admin everywhere, or view everywhere. */
  access: Type.Union([Type.Literal('cluster-admin'), Type.Literal('view')]),
})

export const SharedConfigSchema = Strict({
  account: Account,
  region: Region,
  /** The GitHub repository CircleCI and CodePipeline build from. */
  repository: Strict({ owner: Type.String(), name: Type.String() }),
  /** CircleCI organization and project ids (Organization/Project Settings → Overview). */
  circleci: Strict({ organizationId: Uuid, projectId: Uuid }),
  /** A CodeConnections (CodeStar) connection to GitHub, created and authorized in the console. */
  codeConnectionArn: Type.String({
    pattern:
      '^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/.+$',
  }),
  network: NetworkSchema,
  cluster: ClusterSchema,
  clusterAccess: Type.Array(AccessSchema),
  /** People who encrypt cluster-wide secrets (k8s/cluster/*) with kubesec. */
  kubesecUsers: Type.Array(PrincipalArn),
  ecr: Strict({
    /** Newest images kept per environment tag prefix (`dev-`, `stg-`, `prd-`). */
    keepImages: Strict({
      dev: Type.Integer({ minimum: 5 }),
      stg: Type.Integer({ minimum: 5 }),
      prd: Type.Integer({ minimum: 5 }),
    }),
    untaggedExpireDays: Days,
  }),
  migration: Strict({
    bucketName: BucketName,
    /** migrate-data's S3_PREFIX (MIGRATE_S3_PREFIX in k8s/{stg,prd}/migrate-data.yaml). */
    prefix: Prefix,
    /** migrate-data leaves its files behind; they are a prd copy (masked), keep them briefly. */
    expireAfterDays: Days,
  }),
  /** Access logs of the S3 buckets and ALBs. */
  accessLogsExpireAfterDays: Days,
})

export const EnvironmentConfigSchema = Strict({
  environment: Type.Union([Type.Literal('dev'), Type.Literal('stg'), Type.Literal('prd')]),
  account: Account,
  region: Region,
  hosts: Strict({ console: Hostname, ads: Hostname }),
  /** ACM certificate (same region) covering both hosts. */
  certificateArn: Type.String({
    pattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$',
  }),
  analytics: Strict({
    bucketName: BucketName,
    /** Standard-IA stays instantly readable, so aggregate-reports --from still works. */
    infrequentAccessAfterDays: Type.Integer({ minimum: 30 }),
    expireAfterDays: Days,
  }),
  database: Strict({
    /** Full Aurora MySQL 3 engine version, e.g. 8.0.mysql_aurora.3.10.3 */
    engineVersion: Type.String({ pattern: '^8\\.0\\.mysql_aurora\\.3\\.[0-9]{2}\\.[0-9]+$' }),
    /** Serverless v2 capacity in ACUs; 0 lets an idle cluster pause (dev). */
    minCapacity: Type.Number({ minimum: 0, maximum: 256 }),
    maxCapacity: Type.Number({ minimum: 1, maximum: 256 }),
    /** Readers besides the writer, each in another AZ. */
    readers: Type.Integer({ minimum: 0, maximum: 15 }),
    backupRetentionDays: Type.Integer({ minimum: 1, maximum: 35 }),
    deletionProtection: Type.Boolean(),
    /**
     * The part this database plays in migrate-data (prd → S3 → stg): source exports with
     * SELECT … INTO OUTFILE S3, target loads with LOAD DATA FROM S3 or LOAD DATA LOCAL INFILE.
     */
    migration: Type.Union([Type.Literal('none'), Type.Literal('source'), Type.Literal('target')]),
  }),
  /** People who encrypt and rotate this environment's kubesec secrets. */
  kubesecUsers: Type.Array(PrincipalArn),
})

export type SharedConfig = Static<typeof SharedConfigSchema>
export type EnvironmentConfig = Static<typeof EnvironmentConfigSchema>
export type NetworkConfig = Static<typeof NetworkSchema>
export type ClusterConfig = Static<typeof ClusterSchema>
