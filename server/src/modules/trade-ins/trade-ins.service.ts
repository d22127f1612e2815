import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Page,
  type StaffTradeIn,
  type TradeIn,
  type TradeInPhoto,
  type TradeInQuote,
  type TradeInQuoteRequest,
  type TradeInRequest,
  type TradeInRules,
} from '@lensloop/shared';
import { randomBytes } from 'node:crypto';
import { In, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import { EventBus } from '../../infra/events/event-bus';
import { CouponsService } from '../coupons/coupons.service';
import { StoresService } from '../stores/stores.service';
import type { InspectTradeInDto, StaffTradeInQueryDto } from './dto/trade-in.dto';
import { TradeInPhotoEntity } from './entities/trade-in-photo.entity';
import { TradeInRulesEntity } from './entities/trade-in-rules.entity';
import { TradeInEntity } from './entities/trade-in.entity';
import { imageTypeOf } from './policies/image-type.policy';
import { DEFAULT_TRADE_IN_RULES, estimate, rulesProblems } from './policies/trade-in-estimate.policy';
import { TradeInPhotoStorage } from './trade-in-photo.storage';

/** The credit coupon: frames and lenses, 90 days from the inspection on the business clock. */
export const CREDIT = {
  key: 'trade-in',
  name: '以旧换新抵用金',
  categories: ['frames', 'lenses'],
  validDays: 90,
} as const;

const RULES_ROW = 1;

function tradeInNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.TRADE_IN_NOT_FOUND, `Trade-in ${id} does not exist.`);
}

function notChangeable(tradeIn: TradeInEntity): DomainError {
  return new DomainError(
    ErrorCode.TRADE_IN_NOT_CHANGEABLE,
    `Trade-in ${tradeIn.id} is ${tradeIn.status}; only a submitted one can change.`,
  );
}

function photoNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.TRADE_IN_PHOTO_NOT_FOUND, `Photo ${id} does not exist.`, [
    { field: 'photoIds', message: `${id} is not one of your photos` },
  ]);
}

export function photoUrl(photoId: number): string {
  return `/api/v1/trade-in-photos/${photoId}`;
}

/** Estimates from the rules table, photos, submission, and the store's inspection into a credit coupon. */
@Injectable()
export class TradeInsService {
  constructor(
    @InjectRepository(TradeInEntity) private readonly tradeIns: Repository<TradeInEntity>,
    @InjectRepository(TradeInPhotoEntity) private readonly photos: Repository<TradeInPhotoEntity>,
    @InjectRepository(TradeInRulesEntity) private readonly rules: Repository<TradeInRulesEntity>,
    private readonly coupons: CouponsService,
    private readonly stores: StoresService,
    private readonly storage: TradeInPhotoStorage,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly events: EventBus,
  ) {}

  async getRules(): Promise<TradeInRules> {
    return (await this.rules.findOneBy({ id: RULES_ROW }))?.rules ?? DEFAULT_TRADE_IN_RULES;
  }

  async putRules(input: TradeInRules): Promise<TradeInRules> {
    const problems = rulesProblems(input);
    if (problems.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The trade-in rules are not valid.', problems);
    }
    const rules: TradeInRules = {
      base: input.base.map(({ category, brandTier, min, max }) => ({ category, brandTier, min, max })),
      materialPercent: { ...input.materialPercent },
      conditionPercent: { ...input.conditionPercent },
      agePercent: input.agePercent.map(({ maxAgeYears, percent }) => ({ maxAgeYears, percent })),
    };
    await this.rules.save({ id: RULES_ROW, rules });
    return rules;
  }

  async quote(request: TradeInQuoteRequest): Promise<TradeInQuote> {
    return estimate(await this.getRules(), request);
  }

  /** Stores an upload that is a JPEG, PNG or WebP by its bytes, for the member's next submission. */
  async uploadPhoto(memberId: number, bytes: Buffer): Promise<TradeInPhoto> {
    const mimeType = imageTypeOf(bytes);
    if (!mimeType) {
      throw new DomainError(ErrorCode.TRADE_IN_PHOTO_INVALID, 'The file is not a JPEG, PNG or WebP image.', [
        { field: 'file', message: 'must be a JPEG, PNG or WebP image' },
      ]);
    }
    const fileKey = randomBytes(16).toString('hex');
    await this.storage.write(fileKey, bytes);
    try {
      const photo = await this.photos.save(
        this.photos.create({ memberId, tradeInId: null, fileKey, mimeType, size: bytes.length }),
      );
      return { id: photo.id, url: photoUrl(photo.id) };
    } catch (error) {
      await this.storage.remove(fileKey);
      throw error;
    }
  }

  /** The image for its owner, or for staff of the store the trade-in is brought to (admin: any); 404 otherwise. */
  async photoFile(principal: Principal, photoId: number): Promise<{ mimeType: string; bytes: Buffer }> {
    const photo = await this.photos.findOneBy({ id: photoId });
    if (!photo) throw photoNotFound(photoId);
    if (principal.role === 'customer') {
      if (photo.memberId !== principal.id) throw photoNotFound(photoId);
    } else if (principal.role !== 'admin') {
      const tradeIn = photo.tradeInId ? await this.tradeIns.findOneBy({ id: photo.tradeInId }) : null;
      if (!tradeIn || tradeIn.storeId !== principal.storeId) throw photoNotFound(photoId);
    } else if (photo.tradeInId === null) {
      throw photoNotFound(photoId);
    }
    const bytes = await this.storage.read(photo.fileKey);
    if (!bytes) throw photoNotFound(photoId);
    return { mimeType: photo.mimeType, bytes };
  }

  /** Stores the request with the estimate of now; takes the photos (`… WHERE trade_in_id IS NULL`). */
  async submit(memberId: number, request: TradeInRequest): Promise<TradeIn> {
    await this.stores.getStore(request.storeId);
    const { estimateMin, estimateMax } = await this.quote(request);
    const id = await this.tx.run(async (manager) => {
      const tradeIn = await manager.save(
        manager.create(TradeInEntity, {
          memberId,
          storeId: request.storeId,
          category: request.category,
          material: request.material,
          brandTier: request.brandTier,
          ageYears: request.ageYears,
          condition: request.condition,
          estimateMin,
          estimateMax,
          status: 'submitted',
          finalAmount: null,
          inspectionNote: null,
          rejectReason: null,
          couponId: null,
          inspectedByStaffId: null,
          inspectedAt: null,
        }),
      );
      const taken = await manager
        .createQueryBuilder()
        .update(TradeInPhotoEntity)
        .set({ tradeInId: tradeIn.id })
        .where('id IN (:...ids) AND member_id = :memberId AND trade_in_id IS NULL', {
          ids: request.photoIds,
          memberId,
        })
        .execute();
      if (taken.affected !== request.photoIds.length)
        await this.refusePhotos(manager, memberId, request.photoIds, tradeIn.id);
      return tradeIn.id;
    });
    return this.getMine(memberId, id);
  }

  /** Why photos could not be taken: not the member's (404), or on another trade-in (409). */
  private async refusePhotos(
    manager: EntityManager,
    memberId: number,
    photoIds: number[],
    tradeInId: number,
  ): Promise<never> {
    const rows = await manager.findBy(TradeInPhotoEntity, { id: In(photoIds), memberId });
    const missing = photoIds.find((id) => !rows.some((row) => row.id === id));
    if (missing !== undefined) throw photoNotFound(missing);
    const used = rows.find((row) => row.tradeInId !== null && row.tradeInId !== tradeInId) ?? rows[0];
    throw new DomainError(ErrorCode.TRADE_IN_PHOTO_USED, `Photo ${used.id} belongs to another trade-in.`, [
      { field: 'photoIds', message: `${used.id} is used already; upload it again` },
    ]);
  }

  async listMine(memberId: number): Promise<TradeIn[]> {
    const rows = await this.tradeIns.find({ where: { memberId }, order: { id: 'DESC' } });
    return this.present(rows);
  }

  async getMine(memberId: number, id: number): Promise<TradeIn> {
    const row = await this.tradeIns.findOneBy({ id, memberId });
    if (!row) throw tradeInNotFound(id);
    return (await this.present([row]))[0];
  }

  async cancel(memberId: number, id: number): Promise<TradeIn> {
    const result = await this.tradeIns
      .createQueryBuilder()
      .update(TradeInEntity)
      .set({ status: 'cancelled' })
      .where("id = :id AND member_id = :memberId AND status = 'submitted'", { id, memberId })
      .execute();
    if (result.affected !== 1) {
      const row = await this.tradeIns.findOneBy({ id, memberId });
      if (!row) throw tradeInNotFound(id);
      throw notChangeable(row);
    }
    return this.getMine(memberId, id);
  }

  /** The caller's store's trade-ins (an admin: every store's), newest first. */
  async listForStaff(staff: Principal, query: StaffTradeInQueryDto): Promise<Page<StaffTradeIn>> {
    const window = pageWindow(query);
    const [rows, total] = await this.tradeIns.findAndCount({
      where: {
        ...(staff.role === 'admin' ? {} : { storeId: staff.storeId ?? -1 }),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(await this.presentForStaff(rows), total, window);
  }

  async getForStaff(staff: Principal, id: number): Promise<StaffTradeIn> {
    return (await this.presentForStaff([await this.findForStaff(staff, id)]))[0];
  }

  private async findForStaff(staff: Principal, id: number): Promise<TradeInEntity> {
    const row = await this.tradeIns.findOneBy({ id });
    if (!row || (staff.role !== 'admin' && row.storeId !== staff.storeId)) throw tradeInNotFound(id);
    return row;
  }

  /**
   * Credits a submitted trade-in: the final amount inside the stored estimate, then one transaction
   * with the conditional `… WHERE status = 'submitted'` (of racing inspections exactly one moves
   * it), the credit coupon and `TradeInCredited`. Two credits of one member racing for the same
   * coupon number roll one transaction back on a unique key; it runs again.
   */
  async inspect(staff: Principal, id: number, input: InspectTradeInDto): Promise<StaffTradeIn> {
    const found = await this.findForStaff(staff, id);
    if (found.status !== 'submitted') throw notChangeable(found);
    if (input.finalAmount < found.estimateMin || input.finalAmount > found.estimateMax) {
      throw new DomainError(
        ErrorCode.TRADE_IN_AMOUNT_OUT_OF_RANGE,
        `The final amount must lie within ${found.estimateMin}–${found.estimateMax} fen.`,
        [{ field: 'finalAmount', message: `must be from ${found.estimateMin} to ${found.estimateMax}` }],
      );
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.tx.run((manager) => this.credit(manager, staff, found, input));
        return this.getForStaff(staff, id);
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 3) throw error;
      }
    }
  }

  private async credit(
    manager: EntityManager,
    staff: Principal,
    tradeIn: TradeInEntity,
    input: InspectTradeInDto,
  ): Promise<void> {
    const now = this.clock.now();
    const moved = await manager
      .createQueryBuilder()
      .update(TradeInEntity)
      .set({
        status: 'credited',
        finalAmount: input.finalAmount,
        inspectionNote: input.note ?? null,
        inspectedByStaffId: staff.id,
        inspectedAt: now,
      })
      .where("id = :id AND status = 'submitted'", { id: tradeIn.id })
      .execute();
    if (moved.affected !== 1) {
      const current = await manager.findOneByOrFail(TradeInEntity, { id: tradeIn.id });
      throw notChangeable(current);
    }
    const coupon = await this.coupons.issueCredit(manager, {
      key: CREDIT.key,
      name: CREDIT.name,
      memberId: tradeIn.memberId,
      amount: input.finalAmount,
      categories: [...CREDIT.categories],
      validDays: CREDIT.validDays,
      issuedAt: now,
    });
    await manager.update(TradeInEntity, tradeIn.id, { couponId: coupon.id });
    await this.events.publish(manager, 'TradeInCredited', tradeIn.id, {
      tradeInId: tradeIn.id,
      memberId: tradeIn.memberId,
      storeId: tradeIn.storeId,
      couponId: coupon.id,
      amount: input.finalAmount,
      validTo: coupon.validTo.toISOString(),
    });
  }

  async reject(staff: Principal, id: number, reason: string): Promise<StaffTradeIn> {
    const found = await this.findForStaff(staff, id);
    const result = await this.tradeIns
      .createQueryBuilder()
      .update(TradeInEntity)
      .set({
        status: 'rejected',
        rejectReason: reason,
        inspectedByStaffId: staff.id,
        inspectedAt: this.clock.now(),
      })
      .where("id = :id AND status = 'submitted'", { id })
      .execute();
    if (result.affected !== 1) throw notChangeable((await this.tradeIns.findOneBy({ id })) ?? found);
    return this.getForStaff(staff, id);
  }

  /**
   * PIPL erasure: the photo rows go and the trade-ins stay for the credit's accounting, without
   * notes. The files are deleted by `trade-ins.delete-photo-files` once the erasure committed (an
   * erasure rolled back keeps them).
   */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    const photos = await manager.findBy(TradeInPhotoEntity, { memberId });
    await manager.delete(TradeInPhotoEntity, { memberId });
    await manager.update(TradeInEntity, { memberId }, { inspectionNote: null, rejectReason: null });
    if (photos.length) {
      await this.events.publish(manager, 'TradeInPhotosErased', memberId, {
        memberId,
        fileKeys: photos.map((photo) => photo.fileKey),
      });
    }
  }

  async removeFiles(fileKeys: readonly string[]): Promise<void> {
    await Promise.all(fileKeys.map((key) => this.storage.remove(key)));
  }

  private async present(rows: TradeInEntity[]): Promise<TradeIn[]> {
    const photos = rows.length
      ? await this.photos.find({ where: { tradeInId: In(rows.map((row) => row.id)) }, order: { id: 'ASC' } })
      : [];
    return rows.map((row) => ({
      id: row.id,
      category: row.category,
      material: row.material,
      brandTier: row.brandTier,
      ageYears: row.ageYears,
      condition: row.condition,
      estimateMin: row.estimateMin,
      estimateMax: row.estimateMax,
      storeId: row.storeId,
      status: row.status,
      photos: photos
        .filter((photo) => photo.tradeInId === row.id)
        .map((photo) => ({ id: photo.id, url: photoUrl(photo.id) })),
      finalAmount: row.finalAmount,
      inspectionNote: row.inspectionNote,
      rejectReason: row.rejectReason,
      couponId: row.couponId,
      createdAt: row.createdAt.toISOString(),
      inspectedAt: row.inspectedAt?.toISOString() ?? null,
    }));
  }

  private async presentForStaff(rows: TradeInEntity[]): Promise<StaffTradeIn[]> {
    const shown = await this.present(rows);
    return shown.map((tradeIn, index) => ({
      ...tradeIn,
      memberId: rows[index].memberId,
      inspectedByStaffId: rows[index].inspectedByStaffId,
    }));
  }
}
