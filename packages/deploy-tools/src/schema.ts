import type { KubeObject } from './manifests.ts'

/**
 * Offline validation of an object against the Kubernetes API schema, in two passes:
 *
 * - kubernetes-models (its generated ajv validators) checks types, required fields and formats,
 *   but, like the OpenAPI schema it comes from, lets unknown fields through;
 * - the model classes of @kubernetes/client-node (the official client) list every field of every
 *   type (`attributeTypeMap`), which is what catches `replicaz` or `imagePullPolicyy`. This is the
 *   check `kubectl apply --validate=strict` makes on a server, done without one.
 */

interface Attribute {
  baseName: string
  type: string
}
interface ModelClass {
  getAttributeTypeMap(): Attribute[]
}
type ClientModels = Record<string, ModelClass | undefined>

interface ValidatingModel {
  validate(): void
}
type ModelConstructor = new (data: unknown) => ValidatingModel

let clientModels: Promise<ClientModels> | undefined
function loadClientModels(): Promise<ClientModels> {
  // Only the generated models: the package index would load HTTP clients we do not need.
  clientModels ??=
    import('@kubernetes/client-node/dist/gen/models/all.js') as Promise<unknown> as Promise<ClientModels>
  return clientModels
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/')
  return slash === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

async function loadModel(object: KubeObject): Promise<ModelConstructor | undefined> {
  const { group, version } = splitApiVersion(object.apiVersion)
  if (
    !/^[a-z0-9.-]*$/.test(group) ||
    !/^v[0-9a-z]+$/.test(version) ||
    !/^[A-Za-z]+$/.test(object.kind)
  )
    return undefined
  const path = ['kubernetes-models', group, version, object.kind].filter(Boolean).join('/')
  try {
    const module = (await import(path)) as Record<string, ModelConstructor | undefined>
    return module[object.kind]
  } catch {
    return undefined
  }
}

/** `apps/v1` + `Deployment` → `V1Deployment`; `autoscaling/v2` → `V2HorizontalPodAutoscaler`. */
function clientModelName(object: KubeObject): string {
  const { version } = splitApiVersion(object.apiVersion)
  return version.charAt(0).toUpperCase() + version.slice(1) + object.kind
}

export async function validateSchema(object: KubeObject): Promise<string[]> {
  const Model = await loadModel(object)
  if (!Model) return [`no Kubernetes schema for ${object.apiVersion} ${object.kind}`]
  const problems: string[] = []
  try {
    new Model(object).validate()
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors
    if (!errors) throw error
    for (const e of errors) problems.push(`${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
  }
  const models = await loadClientModels()
  const root = models[clientModelName(object)]
  if (root) unknownFields(object, root, '', models, problems)
  return problems
}

function unknownFields(
  value: unknown,
  model: ModelClass,
  path: string,
  models: ClientModels,
  problems: string[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]))
  for (const [key, child] of Object.entries(value)) {
    const type = attributes.get(key)
    if (type === undefined) {
      const known = [...attributes.keys()].join(', ')
      problems.push(`${path}/${key} is not a known field (known here: ${known})`)
      continue
    }
    checkType(child, type, `${path}/${key}`, models, problems)
  }
}

function checkType(
  value: unknown,
  type: string,
  path: string,
  models: ClientModels,
  problems: string[],
): void {
  const array = /^Array<(.+)>$/.exec(type)
  if (array?.[1]) {
    if (Array.isArray(value))
      value.forEach((v, i) => checkType(v, array[1]!, `${path}/${i}`, models, problems))
    return
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type)
  if (map?.[1]) {
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value))
        checkType(v, map[1], `${path}/${k}`, models, problems)
    }
    return
  }
  // Primitives, IntOrString, and free-form `object`/`any` (preserve-unknown-fields) end the walk.
  const model = models[type]
  if (model) unknownFields(value, model, path, models, problems)
}
