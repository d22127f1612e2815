import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type Page, type Store } from '@lensloop/shared';
import { IdPipe } from '../../common/id.pipe';
import { StoreQueryDto } from './dto/store-query.dto';
import { StoresService } from './stores.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { Public } from '../../common/auth/roles.decorator';
import { StoreDto } from './dto/store.dto';

@ApiTags('stores')
@Controller('stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Get()
  @ApiOperation({ summary: 'List stores, nearest first when lat and lng are given' })
  @ApiPageResponse(StoreDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  @Public()
  listStores(@Query() query: StoreQueryDto): Promise<Page<Store>> {
    return this.stores.listStores(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a store' })
  @ApiOkResponse({ type: StoreDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STORE_NOT_FOUND)
  @Public()
  getStore(@Param('id', IdPipe) id: number): Promise<Store> {
    return this.stores.getStore(id);
  }
}
