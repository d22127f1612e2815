import type { OpenApiDocument } from './openapi';

/* The breaking-change rule of docs/api-versioning.md as code: what a v1 client may rely on. */

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
};
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
/** `request` schemas break when they accept less; `response` schemas when they promise less. */
type Direction = 'request' | 'response';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Follows `$ref`s and merges `allOf`, so both documents are compared as plain object schemas. */
function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components?.schemas?.[name] as Schema | undefined);
  }
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((part) => resolve(document, part) ?? {});
  return {
    type: 'object',
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: parts.flatMap((part) => part.required ?? []),
  };
}

function compareSchemas(
  documents: [OpenApiDocument, OpenApiDocument],
  schemas: [Schema | undefined, Schema | undefined],
  where: string,
  direction: Direction,
  changes: string[],
): void {
  const base = resolve(documents[0], schemas[0]);
  const head = resolve(documents[1], schemas[1]);
  if (!base || !head) return;
  if (base.type && head.type && base.type !== head.type) {
    changes.push(`${where}: type ${base.type} became ${head.type}`);
    return;
  }
  if (direction === 'response' && head.nullable && !base.nullable) changes.push(`${where}: became nullable`);
  if (direction === 'request' && base.nullable && !head.nullable)
    changes.push(`${where}: no longer nullable`);
  if (direction === 'request' && base.enum) {
    const removed = base.enum.filter((value) => !head.enum?.includes(value));
    if (removed.length) changes.push(`${where}: no longer accepts ${removed.join(', ')}`);
  }
  if (direction === 'response' && head.enum) {
    const added = head.enum.filter((value) => !base.enum?.includes(value));
    if (added.length) changes.push(`${where}: may now answer ${added.join(', ')}`);
  }
  for (const [name, property] of Object.entries(base.properties ?? {})) {
    const path = `${where}.${name}`;
    const headProperty = head.properties?.[name];
    if (!headProperty) {
      changes.push(`${path}: removed`);
      continue;
    }
    const required = [base.required?.includes(name), head.required?.includes(name)];
    if (direction === 'response' && required[0] && !required[1]) changes.push(`${path}: became optional`);
    compareSchemas(documents, [property, headProperty], path, direction, changes);
  }
  if (direction === 'request') {
    for (const name of head.required ?? []) {
      if (!base.required?.includes(name)) changes.push(`${where}.${name}: became required`);
    }
  }
  compareSchemas(documents, [base.items, head.items], `${where}[]`, direction, changes);
  base.oneOf?.forEach((variant, index) =>
    compareSchemas(documents, [variant, head.oneOf?.[index]], `${where}|${index}`, direction, changes),
  );
}

const jsonSchema = (body: { content?: Record<string, { schema?: Schema }> } | undefined) =>
  body?.content?.['application/json']?.schema;

/**
 * What `head` breaks for a client written against `base`: removed operations, parameters and
 * response fields; request fields removed or newly required; narrowed or changed types.
 */
export function breakingChanges(base: OpenApiDocument, head: OpenApiDocument): string[] {
  const changes: string[] = [];
  const documents: [OpenApiDocument, OpenApiDocument] = [base, head];
  for (const [path, basePath] of Object.entries(base.paths)) {
    for (const method of METHODS) {
      const operation = basePath[method] as Operation | undefined;
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const headOperation = head.paths[path]?.[method] as Operation | undefined;
      if (!headOperation) {
        changes.push(`${name}: removed`);
        continue;
      }
      for (const parameter of operation.parameters ?? []) {
        const headParameter = headOperation.parameters?.find(
          (candidate) => candidate.name === parameter.name && candidate.in === parameter.in,
        );
        const where = `${name} ${parameter.in} ${parameter.name}`;
        if (!headParameter) changes.push(`${where}: removed`);
        else {
          if (headParameter.required && !parameter.required) changes.push(`${where}: became required`);
          compareSchemas(documents, [parameter.schema, headParameter.schema], where, 'request', changes);
        }
      }
      for (const headParameter of headOperation.parameters ?? []) {
        const known = operation.parameters?.some((candidate) => candidate.name === headParameter.name);
        if (headParameter.required && !known)
          changes.push(`${name} ${headParameter.in} ${headParameter.name}: new and required`);
      }
      compareSchemas(
        documents,
        [jsonSchema(operation.requestBody), jsonSchema(headOperation.requestBody)],
        `${name} body`,
        'request',
        changes,
      );
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        compareSchemas(
          documents,
          [jsonSchema(response), jsonSchema(headOperation.responses?.[status])],
          `${name} ${status}`,
          'response',
          changes,
        );
      }
    }
  }
  return changes;
}
