import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type Cart, type LensSelection, type MemberExportSections } from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { CatalogService } from '../catalog/catalog.service';
import { OrderPricingService } from '../orders/order-pricing.service';
import type { CartItemDto } from './dto/cart.dto';
import { CartItemEntity } from './entities/cart-item.entity';
import { cartProblem } from './policies/cart-problem';

const MAX_LINES = 50;
const MAX_QUANTITY = 99;

function sameLens(left: LensSelection | null, right: LensSelection | null | undefined): boolean {
  if (!left || !right) return !left && !right;
  return left.skuId === right.skuId && [...left.options].sort().join() === [...right.options].sort().join();
}

/**
 * The member's cart on the server. Lines are priced from the catalog each time the cart is
 * read, and a line that went off sale or out of stock stays in the cart with its problem.
 */
@Injectable()
export class CartService implements PersonalDataContributor, OnModuleInit {
  readonly section = 'cart';

  constructor(
    @InjectRepository(CartItemEntity) private readonly items: Repository<CartItemEntity>,
    private readonly catalog: CatalogService,
    private readonly pricing: OrderPricingService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  /** The lines as stored (not priced: the export says what we keep, not today's prices). */
  async exportFor(memberId: number): Promise<MemberExportSections['cart']> {
    const lines = await this.items.find({ where: { memberId }, order: { id: 'ASC' } });
    return lines.map(({ skuId, quantity, lens, createdAt }) => ({
      skuId,
      quantity,
      lens,
      addedAt: createdAt.toISOString(),
    }));
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(CartItemEntity, { memberId });
  }

  async getCart(memberId: number, storeId?: number): Promise<Cart> {
    const lines = await this.items.find({ where: { memberId }, order: { id: 'ASC' } });
    const resolved = await this.pricing.resolve(lines);
    const stockBySku = await this.catalog.stockAt(
      lines.map((line) => line.skuId),
      storeId,
    );
    const items = lines.map((line, index) => {
      const stock = stockBySku.get(line.skuId) ?? 0;
      return {
        ...resolved[index].priced,
        id: line.id,
        stock,
        problem: cartProblem(resolved[index].onSale, stock, line.quantity),
      };
    });
    return {
      storeId: storeId ?? null,
      items,
      subtotal: items.filter((item) => !item.problem).reduce((sum, item) => sum + item.lineTotal, 0),
    };
  }

  /** Adds a line, or adds to the quantity of the same SKU with the same lenses. */
  async addItem(memberId: number, input: CartItemDto): Promise<void> {
    const [resolved] = await this.pricing.resolve([input]);
    if (!resolved.onSale)
      throw new DomainError(ErrorCode.SKU_OFF_SALE, `${resolved.priced.name} is not on sale.`);
    const lines = await this.items.findBy({ memberId, skuId: input.skuId });
    const same = lines.find((line) => sameLens(line.lens, input.lens));
    if (same) {
      await this.items.update(
        { id: same.id },
        { quantity: Math.min(same.quantity + input.quantity, MAX_QUANTITY) },
      );
      return;
    }
    if ((await this.items.countBy({ memberId })) >= MAX_LINES) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `A cart holds at most ${MAX_LINES} lines.`, [
        { field: 'skuId', message: 'cart is full' },
      ]);
    }
    await this.items.insert({
      memberId,
      skuId: input.skuId,
      quantity: input.quantity,
      lens: input.lens ? { skuId: input.lens.skuId, options: [...input.lens.options] } : null,
    });
  }

  async setQuantity(memberId: number, itemId: number, quantity: number): Promise<void> {
    const result = await this.items.update({ id: itemId, memberId }, { quantity });
    if (!result.affected) throw this.notFound(itemId);
  }

  async removeItem(memberId: number, itemId: number): Promise<void> {
    const result = await this.items.delete({ id: itemId, memberId });
    if (!result.affected) throw this.notFound(itemId);
  }

  private notFound(itemId: number): DomainError {
    return new DomainError(ErrorCode.CART_ITEM_NOT_FOUND, `Cart item ${itemId} does not exist.`);
  }
}
