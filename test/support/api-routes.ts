import { createRequire } from 'node:module';
import type { Role } from '@lensloop/shared';
import { ROLES_KEY } from '../../server/src/common/auth/roles.decorator';
import type { TestServer } from './test-server';

/** The parts of an OpenAPI 3.0 schema object the fuzzer and the matrix read. */
export interface SchemaObject {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: SchemaObject;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, unknown>;
  security?: Record<string, unknown>[];
  summary?: string;
}

export interface ApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** One route of the OpenAPI document with who may call it, as the controller declares it. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `/api/v1/orders/{id}`. */
  path: string;
  /** `GET /api/v1/orders/{id}`: the key of the tables in the tests. */
  key: string;
  operation: OperationObject;
  /** The roles of its `@Roles(...)`, or `public` for a route without one. */
  roles: Role[] | 'public';
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  headerParams: ParameterObject[];
  /** The media type and schema of its body, if it takes one. */
  body?: { mediaType: string; schema: SchemaObject; required: boolean };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Nest as the server itself loads it (the test package does not depend on Nest): the same
 * module instances, so `ModulesContainer` is the token the application registered.
 */
const serverRequire = createRequire(require.resolve('../../server/package.json'));
const { ModulesContainer } = serverRequire('@nestjs/core') as { ModulesContainer: abstract new () => object };
const { RequestMethod } = serverRequire('@nestjs/common') as { RequestMethod: Record<string, number> };
const { METHOD_METADATA, PATH_METADATA } = serverRequire('@nestjs/common/constants') as {
  METHOD_METADATA: string;
  PATH_METADATA: string;
};

interface ControllerWrapper {
  metatype: (abstract new (...args: never[]) => object) | null;
}

const NEST_METHODS = new Map<number, ApiRoute['method']>(
  (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => [RequestMethod[method], method]),
);

function joinPath(...parts: string[]): string {
  const path = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return `/${path}`;
}

/**
 * The roles of every route the application mounts, read from the controllers' metadata (the
 * same `@Roles` the guard reads), keyed `METHOD /api/v1/path/{param}` like the OpenAPI document.
 */
export function mountedRouteRoles(server: TestServer): Map<string, Role[] | 'public'> {
  const routes = new Map<string, Role[] | 'public'>();
  const modules = server.app.get(ModulesContainer) as Map<
    string,
    { controllers: Map<unknown, ControllerWrapper> }
  >;
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (!controller) continue;
      const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        const method = requestMethod === undefined ? undefined : NEST_METHODS.get(requestMethod);
        if (!method) continue;
        const handlerPaths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles;
        for (const controllerPath of controllerPaths) {
          for (const handlerPath of handlerPaths) {
            // The health routes are outside the versioned API; everything else is under /api/v1.
            const versioned = joinPath('api', 'v1', controllerPath, handlerPath);
            const unversioned = joinPath('api', controllerPath, handlerPath);
            routes.set(`${method} ${versioned}`, roles ?? 'public');
            routes.set(`${method} ${unversioned}`, roles ?? 'public');
          }
        }
      }
    }
  }
  return routes;
}

/** The document the running server serves: a route added in code is here without any edit. */
export async function servedApiDocument(server: TestServer): Promise<ApiDocument> {
  const response = await fetch(`${server.baseUrl}/api/docs-json`);
  if (!response.ok) throw new Error(`/api/docs-json answered ${response.status}`);
  return (await response.json()) as ApiDocument;
}

/** Every route of the served OpenAPI document with its roles from the controllers. */
export async function apiRoutes(server: TestServer): Promise<{ document: ApiDocument; routes: ApiRoute[] }> {
  const document = await servedApiDocument(server);
  const mounted = mountedRouteRoles(server);
  const routes: ApiRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const lower of HTTP_METHODS) {
      const operation = item[lower];
      if (!operation) continue;
      const method = lower.toUpperCase() as ApiRoute['method'];
      const key = `${method} ${path}`;
      const roles = mounted.get(key);
      if (!roles) throw new Error(`${key} is in the OpenAPI document but no controller mounts it`);
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const mediaType = Object.keys(content)[0];
      routes.push({
        method,
        path,
        key,
        operation,
        roles,
        pathParams: parameters.filter((parameter) => parameter.in === 'path'),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        headerParams: parameters.filter((parameter) => parameter.in === 'header'),
        body: mediaType
          ? {
              mediaType,
              schema: content[mediaType].schema,
              required: operation.requestBody?.required ?? false,
            }
          : undefined,
      });
    }
  }
  return { document, routes };
}

/** Follows `$ref` and merges `allOf` so generators see one schema. */
export function resolveSchema(document: ApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) throw new Error(`Unknown schema ${schema.$ref}`);
    const rest: SchemaObject = { ...schema };
    delete rest.$ref;
    return { ...resolveSchema(document, target), ...rest };
  }
  if (schema.allOf?.length) {
    const { allOf, ...rest } = schema;
    return allOf
      .map((part) => resolveSchema(document, part))
      .reduce<SchemaObject>(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
          required: [...(merged.required ?? []), ...(part.required ?? [])],
        }),
        rest,
      );
  }
  return schema;
}

/** Fills `{param}` placeholders. */
export function fillPath(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (!(name in values)) throw new Error(`No value for {${name}} in ${path}`);
    return encodeURIComponent(String(values[name]));
  });
}
