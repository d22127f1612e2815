import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CustomersExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { CustomersService } from './customers.service';
import { CustomerAdditionEntity } from './entities/customer-addition.entity';
import { CustomerArrivalEntity } from './entities/customer-arrival.entity';
import { OwnerChangeEntity } from './entities/owner-change.entity';
import { WecomExternalContactEntity } from './entities/wecom-external-contact.entity';

/**
 * How the member came, their owner history and arrivals in the PIPL export; erasure deletes them
 * and the WeCom contact link. Sale attributions stay (order id, amount and staff only, like the orders).
 */
@Injectable()
export class CustomersPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'customers';

  constructor(
    private readonly customers: CustomersService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<CustomersExport> {
    return this.customers.exportFor(memberId);
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(CustomerAdditionEntity, { memberId });
    await manager.delete(CustomerArrivalEntity, { memberId });
    await manager.delete(OwnerChangeEntity, { memberId });
    await manager.delete(WecomExternalContactEntity, { memberId });
  }
}
