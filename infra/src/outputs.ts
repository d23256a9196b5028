import { CfnOutput } from 'aws-cdk-lib'
import type { Construct } from 'constructs'

/** Stack outputs by name: the value, and where it goes (k8s/, CircleCI, DNS…). */
export function addOutputs(
  scope: Construct,
  outputs: Record<string, [value: string, goesTo: string]>,
): void {
  for (const [name, [value, description]] of Object.entries(outputs)) {
    new CfnOutput(scope, name, { value, description })
  }
}
