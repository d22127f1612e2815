import { randomBytes } from 'node:crypto';
import type {
  ApiClient,
  LensDesign,
  LensOptionKind,
  LensPowerRange,
  ProductCategory,
  StaffRole,
} from '@lensloop/shared';
import request from 'supertest';
import { LensOptionEntity } from '../../server/src/modules/catalog/entities/lens-option.entity';
import { ProductEntity } from '../../server/src/modules/catalog/entities/product.entity';
import { SkuEntity } from '../../server/src/modules/catalog/entities/sku.entity';
import { StoreStockEntity } from '../../server/src/modules/catalog/entities/store-stock.entity';
import { StaffEntity } from '../../server/src/modules/staff/entities/staff.entity';
import { hashPassword } from '../../server/src/modules/staff/password-hasher';
import { StoreEntity } from '../../server/src/modules/stores/entities/store.entity';
import { customerAuth } from './actors';
import { apiClient } from './api-client';
import type { TestServer } from './test-server';

const STAFF_PASSWORD = 'factory-password';
let sequence = 0;

/** A name no other fixture of this test file has: for codes, usernames and fake WeChat logins. */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}-${randomBytes(3).toString('hex')}`;
}

export interface StoreFixture {
  id: number;
  name: string;
  city: string;
}

export interface StaffFixture {
  id: number;
  username: string;
  name: string;
  role: StaffRole;
  storeId: number | null;
  authorization: string;
  /** The typed client, logged in as this staff member. */
  api: ApiClient;
}

export interface MemberFixture {
  memberId: number;
  /** What the fake WeChat calls this member (`dev-<name>`). */
  openid: string;
  authorization: string;
  /** The typed client, logged in as this member. */
  api: ApiClient;
}

export interface SkuFixture {
  id: number;
  code: string;
  price: number;
}

export interface ProductFixture {
  id: number;
  name: string;
  skus: SkuFixture[];
}

export interface ProductInput {
  category: ProductCategory;
  name?: string;
  brand?: string;
  featured?: boolean;
  /** One SKU per entry; attributes as the catalog shows them (colour, power, lens index and design). */
  skus: { price: number; attributes?: Record<string, string>; powerRange?: LensPowerRange }[];
  /** Units of every SKU on hand, per store. */
  stock?: { storeId: number; quantity: number }[];
}

export interface SkuOptions {
  storeId?: number;
  quantity?: number;
  price?: number;
  attributes?: Record<string, string>;
  /** The powers a lens SKU can be made in (hundredths of a diopter). */
  powerRange?: LensPowerRange;
}

/**
 * Test data built for the test that needs it, instead of leaning on the demo seed. Catalog,
 * stores and staff have no API yet, so their rows are inserted; members log in through the API.
 */
export class Factory {
  /** The password every factory staff member has, for tests of the login itself. */
  readonly staffPassword = STAFF_PASSWORD;
  private staffPasswordHash?: Promise<string>;

  constructor(private readonly server: TestServer) {}

  private get dataSource(): TestServer['dataSource'] {
    return this.server.dataSource;
  }

  /** A store; `hours` as the appointments module reads them: `HH:mm-HH:mm` (any dash), Asia/Shanghai. */
  async store(
    overrides: Partial<Pick<StoreEntity, 'name' | 'city' | 'lat' | 'lng' | 'hours'>> = {},
  ): Promise<StoreFixture> {
    const store = await this.dataSource.getRepository(StoreEntity).save({
      name: uniqueName('Store'),
      city: 'Shanghai',
      address: '1 Test Road',
      phone: '021-0000 0000',
      lat: 31.23,
      lng: 121.47,
      hours: '10:00–21:00',
      ...overrides,
    });
    return { id: store.id, name: store.name, city: store.city };
  }

  /** A store with one SKU of `category`, `quantity` of it on hand there. */
  async storeSelling(category: ProductCategory, quantity = 100): Promise<{ storeId: number; skuId: number }> {
    const storeId = (await this.store()).id;
    return { storeId, skuId: (await this.sku(category, { storeId, quantity })).id };
  }

  /** A staff member of `storeId` (null for HQ), logged in. */
  async staff(role: StaffRole, storeId: number | null, name = uniqueName(role)): Promise<StaffFixture> {
    this.staffPasswordHash ??= hashPassword(STAFF_PASSWORD);
    const username = uniqueName(role);
    const staff = await this.dataSource.getRepository(StaffEntity).save({
      username,
      name,
      role,
      storeId,
      passwordHash: await this.staffPasswordHash,
    });
    const login = await request(this.server.baseUrl)
      .post('/api/v1/auth/staff/login')
      .send({ username, password: STAFF_PASSWORD })
      .expect(200);
    const authorization = `Bearer ${login.body.token}`;
    return {
      id: staff.id,
      username,
      name,
      role,
      storeId,
      authorization,
      api: apiClient(this.server.baseUrl, authorization),
    };
  }

  /** A member logged in through the fake WeChat, optionally with a bound phone and prescription consent. */
  async member(
    options: { phone?: string; consent?: boolean; nickname?: string } = {},
  ): Promise<MemberFixture> {
    const name = uniqueName('member');
    const member = await customerAuth(this.server.baseUrl, name);
    const api = request(this.server.baseUrl);
    if (options.phone) {
      await api
        .post('/api/v1/auth/wechat/phone')
        .set('authorization', member.authorization)
        .send({ code: `dev-phone-${options.phone}` })
        .expect(200);
    }
    if (options.consent) {
      await api
        .post('/api/v1/me/consents')
        .set('authorization', member.authorization)
        .send({ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' })
        .expect(201);
    }
    // Nicknames come from WeChat profiles, which the fake login does not send.
    if (options.nickname) {
      await this.dataSource.query('UPDATE members SET nickname = ? WHERE id = ?', [
        options.nickname,
        member.memberId,
      ]);
    }
    return { ...member, openid: `dev-${name}`, api: apiClient(this.server.baseUrl, member.authorization) };
  }

  /** A child profile of the member, made through the API; answers its id. */
  async child(
    member: { authorization: string },
    options: { name?: string; birthDate?: string } = {},
  ): Promise<number> {
    const { name = uniqueName('child'), birthDate = '2017-01-10' } = options;
    const profile = await request(this.server.baseUrl)
      .post('/api/v1/me/profiles')
      .set('authorization', member.authorization)
      .send({ name, relation: 'child', birthDate })
      .expect(201);
    return profile.body.id as number;
  }

  async product(input: ProductInput): Promise<ProductFixture> {
    const name = input.name ?? uniqueName(input.category);
    const product = await this.dataSource.getRepository(ProductEntity).save({
      category: input.category,
      name,
      brand: input.brand ?? 'Factory',
      description: `${name}, made by the test factory.`,
      imageUrl: '/static/products/factory.svg',
      priceFrom: Math.min(...input.skus.map((sku) => sku.price)),
      featured: input.featured ?? false,
    });
    const skus: SkuFixture[] = [];
    for (const sku of input.skus) {
      const code = uniqueName('SKU');
      const saved = await this.dataSource.getRepository(SkuEntity).save({
        productId: product.id,
        code,
        price: sku.price,
        attributes: sku.attributes ?? {},
        powerRange: sku.powerRange ?? null,
      });
      skus.push({ id: saved.id, code, price: sku.price });
    }
    const stock = (input.stock ?? []).flatMap(({ storeId, quantity }) =>
      skus.map((sku) => ({ storeId, skuId: sku.id, quantity })),
    );
    if (stock.length) await this.dataSource.getRepository(StoreStockEntity).insert(stock);
    return { id: product.id, name, skus };
  }

  /** A product of `category` with one SKU, `quantity` of it on hand at `storeId` (if given). */
  async sku(category: ProductCategory, options: SkuOptions = {}): Promise<SkuFixture> {
    const { storeId, quantity = 100, price = 10_000, attributes, powerRange } = options;
    const product = await this.product({
      category,
      skus: [{ price, attributes, powerRange }],
      stock: storeId === undefined ? [] : [{ storeId, quantity }],
    });
    return product.skus[0];
  }

  /** A spectacle lens pair of one index (`'1.56'`) and design. */
  lens(index: string, design: LensDesign, options: Omit<SkuOptions, 'attributes'> = {}): Promise<SkuFixture> {
    return this.sku('lenses', { ...options, attributes: { index, design, coating: 'standard' } });
  }

  async lensOption(kind: LensOptionKind, price: number): Promise<{ code: string; price: number }> {
    const code = uniqueName(kind.toUpperCase());
    await this.dataSource.getRepository(LensOptionEntity).insert({ code, kind, name: code, price });
    return { code, price };
  }
}

/** A claimable 满300减50 coupon template (the request body of `POST /admin/coupon-templates`). */
export const CLAIM_300_OFF_50 = {
  name: '满300减50',
  kind: 'amount_off',
  amountOff: 5_000,
  threshold: 30_000,
  scope: {},
  perMemberLimit: 1,
  validity: { days: 30 },
  channel: 'claim',
  stackable: false,
} as const;
