import { Controller, Get, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ErrorCode } from '@lensloop/shared';
import { Public, Roles } from '../auth/roles.decorator';
import { ApiErrors } from './api-errors.decorator';
import { oneOfModels } from './api-responses.decorator';
import { buildOpenApiDocument } from './openapi-document';

class LeftProbeDto {
  @ApiProperty()
  left: number;
}

class RightProbeDto {
  @ApiProperty()
  right: number;
}

class ProbeDto {
  @ApiProperty({ ...oneOfModels(LeftProbeDto, RightProbeDto), nullable: true })
  side: LeftProbeDto | RightProbeDto | null;
}

@Controller('probe')
class ProbeController {
  @Get(':id')
  @ApiOkResponse({ type: ProbeDto })
  @ApiErrors(ErrorCode.ORDER_NOT_FOUND, ErrorCode.OUT_OF_STOCK, ErrorCode.SKU_NOT_FOUND)
  @Public()
  findProbe(): string {
    return 'found';
  }

  @Post()
  @Roles('customer')
  @ApiErrors(ErrorCode.WECHAT_CODE_INVALID)
  createProbe(): string {
    return 'created';
  }
}

type Responses = Record<
  string,
  { description: string; content: { 'application/json': { schema: unknown } } }
>;
type Operation = { responses: Responses; security?: unknown[] };

/** The codes a documented error response is narrowed to, sorted (decorators apply bottom-up). */
function codesOf(responses: Responses, status: string): unknown {
  const schema = responses[status].content['application/json'].schema as {
    allOf: [unknown, { properties: { code: { enum: string[] } } }];
  };
  return [...schema.allOf[1].properties.code.enum].sort();
}

describe('the OpenAPI document', () => {
  let app: NestFastifyApplication;
  let operations: { find: Operation; create: Operation };
  let schemas: Record<string, { properties?: Record<string, unknown> }>;
  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    const { paths, components } = buildOpenApiDocument(app);
    schemas = components?.schemas as typeof schemas;
    operations = { find: paths['/probe/{id}'].get as Operation, create: paths['/probe'].post as Operation };
  });
  afterAll(() => app.close());

  it('should document each error code under the status httpStatusOf gives it', () => {
    const { responses } = operations.find;
    expect(Object.keys(responses).filter((status) => status >= '400')).toEqual(['404', '409']);
    expect(codesOf(responses, '404')).toEqual([ErrorCode.ORDER_NOT_FOUND, ErrorCode.SKU_NOT_FOUND]);
    expect(codesOf(responses, '409')).toEqual([ErrorCode.OUT_OF_STOCK]);
  });

  it('should add the codes of one status up when @Roles and @ApiErrors both give a 401', () => {
    const { responses } = operations.create;
    expect(codesOf(responses, '401')).toEqual([ErrorCode.UNAUTHENTICATED, ErrorCode.WECHAT_CODE_INVALID]);
    expect(responses['401'].description).toBe('Not authenticated');
    expect(codesOf(responses, '403')).toEqual([ErrorCode.FORBIDDEN]);
  });

  it('should spell a public route security: [] and a @Roles route bearer', () => {
    expect(operations.find.security).toEqual([]);
    expect(operations.create.security).toEqual([{ bearer: [] }]);
  });

  it('should give a nullable property that is one of several DTOs type object, as OpenAPI 3.0 needs', () => {
    expect(schemas.ProbeDto.properties?.side).toEqual({
      type: 'object',
      nullable: true,
      oneOf: [{ $ref: '#/components/schemas/LeftProbeDto' }, { $ref: '#/components/schemas/RightProbeDto' }],
    });
  });
});
