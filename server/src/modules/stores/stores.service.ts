import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type Page, type Store } from '@lensloop/shared';
import { In, Repository } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { ImmutableByIdCache } from '../../common/immutable-by-id-cache';
import { pageWindow, toPage } from '../../common/pagination';
import type { StoreQueryDto } from './dto/store-query.dto';
import { StoreEntity } from './entities/store.entity';
import { greatCircleMeters } from './policies/great-circle';

function toStore(store: StoreEntity, distanceMeters?: number): Store {
  const { id, name, nameEn, city, address, phone, lat, lng, hours } = store;
  return {
    id,
    name,
    nameEn,
    city,
    address,
    phone,
    lat,
    lng,
    hours,
    ...(distanceMeters === undefined ? {} : { distanceMeters }),
  };
}

@Injectable()
export class StoresService {
  /** Store names by id. Stores are only added (by migration or seed), never renamed through the API. */
  private readonly names = new ImmutableByIdCache<string>();
  /** Stores seen to exist: never deleted, so a yes is final on every replica (a no is asked again). */
  private readonly existing = new Set<number>();

  constructor(@InjectRepository(StoreEntity) private readonly stores: Repository<StoreEntity>) {}

  async exists(id: number): Promise<boolean> {
    if (this.existing.has(id) || this.names.has(id)) return true;
    const found = await this.stores.existsBy({ id });
    if (found) this.existing.add(id);
    return found;
  }

  /** The names of these stores (unknown ids are left out); cached, so a warm call reads nothing. */
  namesOf(ids: readonly number[]): Promise<Map<number, string>> {
    return this.names.get(ids, async (missing) =>
      (await this.stores.find({ select: { id: true, name: true }, where: { id: In(missing) } })).map(
        (row): [number, string] => [row.id, row.name],
      ),
    );
  }

  /**
   * Stores nearest first when a location is given, else by id. A chain has at most a few
   * thousand stores, so distances are computed over the whole (narrow) table in memory.
   */
  async listStores(query: StoreQueryDto): Promise<Page<Store>> {
    const window = pageWindow(query);
    const stores = await this.stores.find({ order: { id: 'ASC' } });
    const origin =
      query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
    const listed = origin
      ? stores
          .map((store) => toStore(store, greatCircleMeters(origin, store)))
          .sort((a, b) => a.distanceMeters! - b.distanceMeters! || a.id - b.id)
      : stores.map((store) => toStore(store));
    return toPage(listed.slice(window.skip, window.skip + window.pageSize), listed.length, window);
  }

  async getStore(id: number): Promise<Store> {
    const store = await this.stores.findOneBy({ id });
    if (!store) throw new DomainError(ErrorCode.STORE_NOT_FOUND, `Store ${id} does not exist.`);
    return toStore(store);
  }
}
