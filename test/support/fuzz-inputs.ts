import fc from 'fast-check';
import { resolveSchema, type ApiDocument, type ApiRoute, type SchemaObject } from './api-routes';

/** One generated request: raw enough to carry broken JSON, wrong content types and odd query strings. */
export interface FuzzRequest {
  /** What makes this request invalid, e.g. `body.wrongType(storeId)`: printed when it fails. */
  defect: string;
  /** False where the input may legitimately be ignored (a body sent to a GET that takes none). */
  strict?: boolean;
  pathValues: Record<string, string>;
  /** Raw query pairs, repeated names allowed (`?status=a&status=b`). */
  query: [string, string][];
  headers: Record<string, string>;
  body?: { contentType?: string; payload: string | Buffer };
}

const MAX_INT = 2_147_483_647;

/** Strings that have broken servers: unicode of every plane, controls, injections, very long ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\uFEFF',
      '\u202Eabc',
      '𝕃𝕖𝕟𝕤',
      '👓👨‍👩‍👧',
      '眼镜店',
      "' OR 1=1 --",
      '"; DROP TABLE members; --',
      '%00',
      '../../../etc/passwd',
      '{{7*7}}',
      '<script>alert(1)</script>',
      '__proto__',
      'constructor',
      'null',
      'undefined',
      'NaN',
      '1e400',
      '-0',
    ),
    weight: 6,
  },
  // Long ones are rarer: most fields must still reach validation with the rest of the body.
  { arbitrary: fc.integer({ min: 256, max: 3000 }).map((length) => '镜'.repeat(length)), weight: 2 },
  { arbitrary: fc.constant('x'.repeat(70_000)), weight: 1 },
);

/** Numbers a column or a counter should never take. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -2_147_483_649,
    MAX_INT + 1,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    -1e308,
    0.5,
    -0.000001,
    Number.MIN_VALUE,
  ),
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
);

/** Path segments no id parameter accepts: signs, fractions, overflow, letters, unicode. */
const badIdSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e3',
    '0x1F',
    ' 1',
    '１２',
    'abc',
    String(MAX_INT + 1),
    '99999999999999999999999',
    'NaN',
    'null',
    '%00',
    '1;DROP',
    '¹',
  ),
  nastyNumber.map(String),
  nastyString.filter((value) => value.length > 0 && !/^\d{1,10}$/.test(value)),
);

/** Anything JSON can hold, including deep nesting and prototype keys. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
);

function isNumeric(schema: SchemaObject): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}

/** A value of the schema's type, not necessarily within its limits: the part of a request that is not the defect. */
export function valueOf(
  document: ApiDocument,
  raw: SchemaObject | undefined,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolveSchema(document, raw);
  if (schema.oneOf?.length)
    return fc.oneof(...schema.oneOf.map((part) => valueOf(document, part, depth + 1)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (isNumeric(schema)) {
    const min = schema.minimum ?? 1;
    const max = schema.maximum ?? Math.max(min, 1000);
    return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, MAX_INT)) });
  }
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'date') return fc.constantFrom('2026-12-01', '2027-01-15', '2000-02-29');
      if (schema.format === 'date-time')
        return fc.constantFrom('2026-12-01T08:00:00.000Z', '2027-06-30T23:59:59Z');
      if (typeof schema.example === 'string') return fc.oneof(fc.constant(schema.example), nastyString);
      return nastyString;
    case 'array':
      if (depth > 4) return fc.constant([]);
      return fc.array(valueOf(document, schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, 3),
      });
    case 'object':
    default:
      if (!schema.properties)
        return depth > 4 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), anyJson);
      return objectOf(document, schema, depth);
  }
}

function objectOf(
  document: ApiDocument,
  schema: SchemaObject,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  if (depth > 4) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties))
    model[name] = valueOf(document, property, depth + 1);
  return fc.record(model, { requiredKeys: [...required].filter((name) => name in properties) });
}

/** Numbers outside the schema's bounds (or fractions where it wants an integer); null when it has none. */
function outOfRange(schema: SchemaObject): fc.Arbitrary<number> | null {
  const { minimum, maximum } = schema;
  if (minimum === undefined && maximum === undefined && schema.type !== 'integer') return null;
  const candidates: fc.Arbitrary<number>[] = [];
  if (minimum !== undefined) candidates.push(fc.constantFrom(minimum - 1, minimum - 0.5, -(2 ** 40), -1e308));
  if (maximum !== undefined) candidates.push(fc.constantFrom(maximum + 1, maximum + 0.5, 2 ** 53 + 2, 1e308));
  if (schema.type === 'integer') candidates.push(fc.constantFrom(0.5, 1.25, 1e-7));
  return fc
    .oneof(...candidates, nastyNumber)
    .filter(
      (value) =>
        (minimum !== undefined && value < minimum) ||
        (maximum !== undefined && value > maximum) ||
        (schema.type === 'integer' && !Number.isInteger(value)),
    );
}

/** A value the schema refuses whatever the other fields hold, with a name for the report. */
function invalidFor(
  document: ApiDocument,
  raw: SchemaObject,
  required: boolean,
): fc.Arbitrary<[string, unknown]> | null {
  const schema = resolveSchema(document, raw);
  const options: fc.Arbitrary<[string, unknown]>[] = [];
  // `@IsOptional()` lets null through, so null is a defect only where the field is required.
  if (required && !schema.nullable) options.push(fc.constant(['null', null]));
  if (schema.oneOf?.length) {
    options.push(fc.constantFrom<[string, unknown]>(['wrongType', 'not-an-object'], ['wrongType', 42]));
  } else if (schema.enum?.length) {
    const allowed = new Set(schema.enum.map(String));
    options.push(
      fc
        .oneof(nastyString, fc.constantFrom('ACTIVE', 'dead ', 'all'), fc.integer())
        .filter((value) => !allowed.has(String(value)))
        .map((value) => ['badEnum', value] as [string, unknown]),
    );
  } else if (isNumeric(schema)) {
    options.push(
      fc
        .oneof(nastyString, fc.constantFrom<unknown>({}, []))
        .filter(
          (value) => typeof value !== 'string' || !/^\s*-?[\d.eE+]+\s*$/.test(value) || value.trim() === '',
        )
        .map((value) => ['wrongType', value] as [string, unknown]),
    );
    const outside = outOfRange(schema);
    if (outside) options.push(outside.map((value) => ['outOfRange', value] as [string, unknown]));
  } else if (schema.type === 'string') {
    options.push(
      fc
        .constantFrom<unknown>({}, [], true, 12, -1.5)
        .map((value) => ['wrongType', value] as [string, unknown]),
    );
    if (schema.maxLength !== undefined) {
      options.push(fc.constant(['tooLong', '镜'.repeat(schema.maxLength + 1)] as [string, unknown]));
    }
    if (schema.format === 'date' || schema.format === 'date-time') {
      options.push(
        fc
          .constantFrom(
            '2026-13-45',
            '2026-02-30',
            'yesterday',
            '01/12/2026',
            '2026-12-01T25:61:00Z',
            '+275760-09-13',
          )
          .map((value) => ['badDate', value] as [string, unknown]),
      );
    }
  } else if (schema.type === 'boolean') {
    options.push(
      fc.constantFrom({}, [], 'yes', 2, 'maybe').map((value) => ['wrongType', value] as [string, unknown]),
    );
  } else if (schema.type === 'array') {
    options.push(fc.constantFrom({}, 'a', 3, true).map((value) => ['wrongType', value] as [string, unknown]));
    if (schema.items && resolveSchema(document, schema.items).properties) {
      // A list of objects with an element that is not one (an array slipped past @ValidateNested).
      options.push(
        fc
          .constantFrom<unknown>([], 'text', 3, true, null)
          .map((item) => ['wrongItem', [item]] as [string, unknown]),
      );
    }
    if (schema.maxItems !== undefined) {
      options.push(
        valueOf(document, schema.items)
          .chain((item) => fc.constant(Array.from({ length: (schema.maxItems as number) + 1 }, () => item)))
          .map((value) => ['tooMany', value] as [string, unknown]),
      );
    }
  } else if (schema.properties) {
    options.push(
      fc.constantFrom('text', 3, [], true).map((value) => ['wrongType', value] as [string, unknown]),
    );
  }
  return options.length ? fc.oneof(...options) : null;
}

/** Query-string spellings of a value no such parameter accepts. */
function invalidQueryValue(
  document: ApiDocument,
  raw: SchemaObject,
): fc.Arbitrary<[string, string[]]> | null {
  const schema = resolveSchema(document, raw);
  if (schema.enum?.length) {
    const allowed = new Set(schema.enum.map(String));
    return fc
      .oneof(nastyString, fc.constantFrom('ACTIVE', 'dead ', 'all', ''))
      .filter((value) => !allowed.has(value) && value !== '')
      .map((value) => ['badEnum', [value]]);
  }
  if (isNumeric(schema)) {
    const wrongType = fc
      .oneof(nastyString, fc.constantFrom('abc', '1,2', '0x10', '--1'))
      .filter((value) => value.trim() !== '' && Number.isNaN(Number(value)))
      .map((value): [string, string[]] => ['wrongType', [value]]);
    const outside = outOfRange(schema);
    return outside
      ? fc.oneof(
          wrongType,
          outside.map((value): [string, string[]] => ['outOfRange', [String(value)]]),
        )
      : wrongType;
  }
  if (schema.type === 'string' && (schema.format === 'date' || schema.format === 'date-time')) {
    return fc.constantFrom('2026-13-45', 'yesterday', '2026-02-30').map((value) => ['badDate', [value]]);
  }
  return null;
}

/** How a query string carries a value: objects as JSON text (a query has no other way). */
function queryText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** JSON the parser refuses. */
const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    '{a:1}',
    "{'a':1}",
    'undefined',
    '{"a":1}}',
    '\u0000',
    '{"a":NaN}',
    '{"a":1,}',
  ),
  fc.jsonValue({ maxDepth: 2 }).map((value) => `${JSON.stringify(value)}{`),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Content types the routes do not take. */
const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'image/png',
  'multipart/form-data; boundary=x',
  'text/xml',
);

/**
 * Fields the random part of a request leaves out because they switch off the validation of
 * others, which the schema cannot say: `reset: true` makes the dev clock ignore `advanceSeconds`
 * (`@ValidateIf`), so a wrong `advanceSeconds` next to it is not invalid.
 */
const FIELDS_LEFT_OUT_OF_BASE: Record<string, string[]> = {
  'POST /api/v1/dev/clock': ['reset'],
};

function withoutFields(body: unknown, names: string[]): unknown {
  if (!names.length || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy = { ...(body as Record<string, unknown>) };
  for (const name of names) delete copy[name];
  return copy;
}

interface BaseRequest {
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
}

function baseRequest(document: ApiDocument, route: ApiRoute): fc.Arbitrary<BaseRequest> {
  const pathModel: Record<string, fc.Arbitrary<string>> = {};
  for (const parameter of route.pathParams) {
    pathModel[parameter.name] = isNumeric(resolveSchema(document, parameter.schema))
      ? fc.integer({ min: 1, max: MAX_INT }).map(String)
      : nastyString.filter((value) => value.length > 0);
  }
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of route.queryParams) queryModel[parameter.name] = valueOf(document, parameter.schema);
  const headerModel: Record<string, fc.Arbitrary<string>> = {};
  for (const parameter of route.headerParams) {
    headerModel[parameter.name] = fc.oneof(
      fc.uuid(),
      fc
        .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 300 })
        .map((value) => value.replace(/[\r\n]/g, '')),
    );
  }
  const jsonBody = route.body?.mediaType === 'application/json';
  const omitted = FIELDS_LEFT_OUT_OF_BASE[route.key] ?? [];
  return fc.record({
    pathValues: fc.record(pathModel),
    query: fc
      .record(queryModel, { requiredKeys: route.queryParams.filter((p) => p.required).map((p) => p.name) })
      .map((values) =>
        Object.entries(values).map(([name, value]): [string, string] => [name, queryText(value)]),
      ),
    headers: fc
      .record(headerModel, { requiredKeys: [] })
      .map(
        (headers) =>
          Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<
            string,
            string
          >,
      ),
    body:
      jsonBody && route.body
        ? valueOf(document, route.body.schema).map((body) => withoutFields(body, omitted))
        : fc.constant(undefined),
  });
}

function withJson(base: BaseRequest, defect: string, body: unknown): FuzzRequest {
  return {
    defect,
    pathValues: base.pathValues,
    query: base.query,
    headers: base.headers,
    body: { contentType: 'application/json', payload: encodeJson(body) },
  };
}

/** The valid-looking JSON body of `base` (empty object when the route takes none). */
function bodyOf(base: BaseRequest): FuzzRequest['body'] {
  return base.body === undefined
    ? undefined
    : { contentType: 'application/json', payload: encodeJson(base.body) };
}

/**
 * Requests for `route` each carrying at least one defect that the route's schema refuses, so
 * none may change anything; the rest of the request is random but well typed.
 */
export function invalidRequests(document: ApiDocument, route: ApiRoute): fc.Arbitrary<FuzzRequest> {
  const base = baseRequest(document, route);
  const defects: fc.Arbitrary<FuzzRequest>[] = [];

  for (const parameter of route.pathParams) {
    const numeric = isNumeric(resolveSchema(document, parameter.schema));
    // A string parameter (a file or job name) has no wrong type: an unknown name is the defect.
    const bad = numeric ? badIdSegment : nastyString.filter((value) => value.length > 0);
    defects.push(
      fc.tuple(base, bad).map(([request, value]) => ({
        defect: `path.${parameter.name}=${JSON.stringify(value).slice(0, 40)}`,
        pathValues: { ...request.pathValues, [parameter.name]: value },
        query: request.query,
        headers: request.headers,
        body: bodyOf(request),
      })),
    );
  }

  for (const parameter of route.queryParams) {
    const bad = invalidQueryValue(document, parameter.schema);
    if (!bad) continue;
    defects.push(
      fc.tuple(base, bad).map(([request, [kind, values]]) => ({
        defect: `query.${kind}(${parameter.name})`,
        pathValues: request.pathValues,
        query: [
          ...request.query.filter(([name]) => name !== parameter.name),
          ...values.map((value): [string, string] => [parameter.name, value]),
        ],
        headers: request.headers,
        body: bodyOf(request),
      })),
    );
  }

  if (route.body?.mediaType === 'application/json') {
    const schema = resolveSchema(document, route.body.schema);
    const properties = schema.properties ?? {};
    defects.push(
      fc.tuple(base, brokenJson).map(([request, payload]) => ({
        defect: 'body.brokenJson',
        pathValues: request.pathValues,
        query: request.query,
        headers: request.headers,
        body: { contentType: 'application/json', payload },
      })),
      fc.tuple(base, wrongContentType).map(([request, contentType]) => ({
        defect: `body.contentType(${contentType})`,
        pathValues: request.pathValues,
        query: request.query,
        headers: request.headers,
        body: { contentType, payload: encodeJson(request.body) },
      })),
    );
    if (schema.properties || schema.type === 'object') {
      defects.push(
        fc
          .tuple(
            base,
            fc.oneof(
              fc.constantFrom<unknown>([], 'text', 42, true, null),
              fc.array(anyJson, { maxLength: 3 }),
            ),
          )
          .map(([request, value]) => withJson(request, 'body.notAnObject', value)),
      );
    }
    const required = (schema.required ?? []).filter((name) => name in properties);
    if (required.length) {
      defects.push(
        fc.tuple(base, fc.constantFrom(...required)).map(([request, name]) => {
          const body = { ...(request.body as Record<string, unknown>) };
          delete body[name];
          return withJson(request, `body.missing(${name})`, body);
        }),
      );
    }
    if (schema.properties && schema.additionalProperties === undefined) {
      defects.push(
        fc
          .tuple(
            base,
            fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !(name in properties)),
            anyJson,
          )
          .map(([request, name, value]) =>
            withJson(request, `body.extraField(${name})`, { ...(request.body as object), [name]: value }),
          ),
      );
    }
    for (const [name, property] of Object.entries(properties)) {
      const invalid = invalidFor(document, property, required.includes(name));
      if (invalid) {
        defects.push(
          fc
            .tuple(base, invalid)
            .map(([request, [kind, value]]) =>
              withJson(request, `body.${kind}(${name})`, { ...(request.body as object), [name]: value }),
            ),
        );
      }
      // One level down: a wrong field inside a nested object or inside the first element of a list.
      const nested = resolveSchema(document, property);
      const element = nested.type === 'array' ? resolveSchema(document, nested.items) : nested;
      if (element.properties && element.type !== 'array') {
        const innerRequired = new Set(element.required ?? []);
        for (const [inner, innerSchema] of Object.entries(element.properties)) {
          const invalidInner = invalidFor(document, innerSchema, innerRequired.has(inner));
          if (!invalidInner) continue;
          defects.push(
            fc
              .tuple(base, valueOf(document, element), invalidInner)
              .map(([request, container, [kind, value]]) => {
                const broken = { ...(container as object), [inner]: value };
                return withJson(request, `body.${kind}(${name}.${inner})`, {
                  ...(request.body as object),
                  [name]: nested.type === 'array' ? [broken] : broken,
                });
              }),
          );
        }
      }
    }
  } else if (route.body?.mediaType === 'multipart/form-data') {
    defects.push(
      fc.tuple(base, anyJson).map(([request, value]) => withJson(request, 'multipart.asJson', value)),
      fc.tuple(base, fc.string({ maxLength: 200 })).map(([request, text]) => ({
        defect: 'multipart.brokenBoundary',
        pathValues: request.pathValues,
        query: request.query,
        headers: request.headers,
        body: { contentType: 'multipart/form-data; boundary=----fuzz', payload: `------fuzz\r\n${text}` },
      })),
      fc
        .tuple(base, fc.constantFrom('file', 'photo', 'files[]'), fc.string({ maxLength: 300 }))
        .map(([request, field, text]) => ({
          defect: `multipart.notAnImage(${field})`,
          pathValues: request.pathValues,
          query: request.query,
          headers: request.headers,
          body: {
            contentType: 'multipart/form-data; boundary=----fuzz',
            payload:
              `------fuzz\r\nContent-Disposition: form-data; name="${field}"; filename="a.png"\r\n` +
              `Content-Type: image/png\r\n\r\n${text}\r\n------fuzz--\r\n`,
          },
        })),
    );
  }

  if (!defects.length) {
    // No parameter and no body: what can be wrong is a body the route does not take. JSON that
    // does not parse is refused before any handler; a GET's body means nothing, so a GET may
    // answer 2xx to any of these (`strict: false`), and its checksums still must not move.
    const strict = route.method !== 'GET';
    defects.push(
      fc.tuple(base, brokenJson).map(([request, payload]) => ({
        defect: 'body.brokenJson',
        strict,
        pathValues: request.pathValues,
        query: request.query,
        headers: request.headers,
        body: { contentType: 'application/json', payload },
      })),
    );
    if (!strict) {
      defects.push(
        fc
          .tuple(base, wrongContentType, fc.string({ maxLength: 100 }))
          .map(([request, contentType, payload]) => ({
            defect: `body.contentType(${contentType})`,
            strict,
            pathValues: request.pathValues,
            query: request.query,
            headers: request.headers,
            body: { contentType, payload },
          })),
        fc
          .tuple(base, fc.string({ minLength: 1, maxLength: 10 }), nastyString)
          .map(([request, name, value]) => ({
            defect: `query.unknown(${name})`,
            strict,
            pathValues: request.pathValues,
            query: [[name, value]],
            headers: request.headers,
          })),
      );
    }
  }
  return fc.oneof(...defects);
}
