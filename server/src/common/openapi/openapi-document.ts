import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const DESCRIPTION = `Optical-shop mall and membership API for LensLoop's mini-program, staff desk and integrators
(ERP, POS, lens lab). Integrator guide: docs/integrators.md in the LensLoop repository.

- **Versioning**: every path is under \`/api/v1\`; v1 only grows (see docs/api-versioning.md).
- **Auth**: \`Authorization: Bearer <token>\`. Customers get a token from \`POST /api/v1/auth/wechat/login\`,
  staff (and integrations, through a staff account HQ gives them) from \`POST /api/v1/auth/staff/login\`.
  Operations with \`security: []\` are public.
- **Money** is integer fen (1 yuan = 100 fen): \`payable: 129900\` is ¥1,299.00.
- **Diopters** are integer hundredths (\`sphere: -125\` is −1.25 D); pupillary distance is in tenths of a
  millimetre (\`630\` = 63.0 mm); times are ISO-8601 UTC; calendar dates \`YYYY-MM-DD\` are Asia/Shanghai days.
- **Lists** take \`?page=1&pageSize=20\` and answer \`{ items, total, page, pageSize }\`.
- **Errors** answer \`{ statusCode, code, message, details, requestId }\`; switch on \`code\`. Each operation lists
  the codes it can give.
- **Retries**: 429, 502 and 503 may be retried after a pause; \`POST /api/v1/orders\` takes an \`Idempotency-Key\`
  header so that a retried order is placed once.`;

const TAGS: [name: string, description: string][] = [
  ['auth', 'Log in: WeChat customers and staff accounts get a bearer token.'],
  ['members', 'The signed-in member and their family profiles.'],
  ['stores', 'The chain’s stores (public).'],
  ['catalog', 'Products, SKUs and lens options (public).'],
  ['cart', 'The member’s cart, priced afresh on every read.'],
  ['orders', 'Quotes, orders and the order life cycle (customer side).'],
  ['payments', 'WeChat Pay and refunds.'],
  [
    'coupons',
    'Coupons: the claim centre, the member’s coupons, in-store redemption, templates and issue jobs.',
  ],
  ['prescriptions', 'Consents, fitting history and myopia trend (customer side).'],
  ['staff', 'The staff desk: customers, prescriptions and store orders.'],
  ['audit', 'Who read or wrote prescriptions.'],
  ['appointments', 'Eye-exam and myopia re-check appointments: slots, bookings, the store’s day.'],
  ['privacy', 'PIPL export and erasure of the member’s data.'],
  ['admin', 'HQ operations: the event outbox.'],
  ['health', 'Readiness for load balancers.'],
  ['dev', 'Development and test facilities; not mounted in production.'],
];

/** Public operations carry `ApiSecurity({})` (see `Public`); OpenAPI spells "no auth" `security: []`. */
function spellPublicSecurity(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem)) {
      const security = (operation as { security?: object[] }).security;
      if (security?.length === 1 && Object.keys(security[0]).length === 0) security.length = 0;
    }
  }
}

type SchemaNode = {
  type?: string;
  nullable?: boolean;
  oneOf?: { $ref?: string }[];
  anyOf?: { $ref?: string }[];
  properties?: Record<string, SchemaNode>;
};

/**
 * A nullable property that is one of several DTOs (`pd`: binocular or monocular, or null) gets
 * `type: object`: OpenAPI 3.0 ignores `nullable` without a type (Redocly's nullable-type-sibling),
 * and @nestjs/swagger drops the type it is given beside `oneOf`.
 */
function typeNullableModelUnions(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {}) as SchemaNode[]) {
    for (const property of Object.values(schema.properties ?? {})) {
      const branches = property.oneOf ?? property.anyOf;
      if (property.nullable && !property.type && branches?.every((branch) => branch.$ref)) {
        property.type = 'object';
      }
    }
  }
}

/** The OpenAPI document served at `/api/docs-json`, built from the controllers' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('LensLoop API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer(
      'http://127.0.0.1:3000',
      'Local server (`pnpm start`); a deployment serves the same paths on its https origin',
    )
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The `token` from a login; it expires after `JWT_TTL_SECONDS` (7 days by default).',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  // Proprietary: there is no public licence page, so the licence has a name and no URL.
  config.info.license = { name: 'Proprietary: use under the LensLoop integrator agreement' };
  const document = SwaggerModule.createDocument(app, config, {
    // Operation ids are the controller methods' names (`createOrder`), unique across the API.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  spellPublicSecurity(document);
  typeNullableModelUnions(document);
  return document;
}
