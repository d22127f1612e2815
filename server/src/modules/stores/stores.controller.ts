import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page, Store } from '@lensloop/shared';
import { IdPipe } from '../../common/id.pipe';
import { StoreQueryDto } from './dto/store-query.dto';
import { StoresService } from './stores.service';

@ApiTags('stores')
@Controller('stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Get()
  listStores(@Query() query: StoreQueryDto): Promise<Page<Store>> {
    return this.stores.listStores(query);
  }

  @Get(':id')
  getStore(@Param('id', IdPipe) id: number): Promise<Store> {
    return this.stores.getStore(id);
  }
}
