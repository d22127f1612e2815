import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Order } from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { OrderEntity } from './entities/order.entity';
import { OrdersService } from './orders.service';

/** The member's orders in the PIPL export; erasure keeps them for accounting, without the address. */
@Injectable()
export class OrdersPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'orders';

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    private readonly ordersService: OrdersService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<Order[]> {
    const orders = await this.orders.find({ where: { memberId }, order: { id: 'ASC' } });
    return Promise.all(orders.map((order) => this.ordersService.toOrder(order)));
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.update(OrderEntity, { memberId }, { address: null });
  }
}
