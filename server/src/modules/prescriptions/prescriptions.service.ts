import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  normalizePrescription,
  prescriptionExpiry,
  STANDARD_AUDIT_REASONS,
  validatePrescription,
  type MyopiaTrend,
  type Page,
  type Prescription,
  type PrescriptionDetail,
  type PrescriptionHeader,
  type PrescriptionOrderItem,
  type PrescriptionInput,
} from '@lensloop/shared';
import { In, IsNull, Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { AuditService } from '../audit/audit.service';
import { MemberEntity } from '../members/entities/member.entity';
import { OrderItemEntity } from '../orders/entities/order-item.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import type { PrescriptionForFitting, PrescriptionReferenceChecker } from '../orders/prescription-reference';
import { ProfilesService } from '../members/profiles.service';
import { StaffEntity } from '../staff/entities/staff.entity';
import { StoreEntity } from '../stores/entities/store.entity';
import { ConsentsService } from './consents.service';
import type { LatestPrescriptionQueryDto, PrescriptionQueryDto } from './dto/prescription-queries.dto';
import type { RecordPrescriptionDto } from './dto/record-prescription.dto';
import { PrescriptionEntity } from './entities/prescription.entity';
import { myopiaTrend } from './policies/myopia-trend';
import {
  openPrescriptionValues,
  sealPrescriptionValues,
  type PrescriptionValues,
} from './prescription-values';

/** The staff member acting, and the request their audit row belongs to. */
export interface StaffActor {
  staffId: number;
  storeId: number | null;
  requestId: string;
}

function latestFirst(query: SelectQueryBuilder<PrescriptionEntity>): SelectQueryBuilder<PrescriptionEntity> {
  return query.orderBy('prescription.examDate', 'DESC').addOrderBy('prescription.id', 'DESC');
}

@Injectable()
export class PrescriptionsService implements PrescriptionReferenceChecker {
  constructor(
    @InjectRepository(PrescriptionEntity) private readonly prescriptions: Repository<PrescriptionEntity>,
    @Inject(SealedBox) private readonly sealedBox: SealedBox,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  /** An optometrist's or manager's new exam for a member's profile, audited in the same transaction. */
  async recordPrescription(
    memberId: number,
    body: RecordPrescriptionDto,
    actor: StaffActor,
  ): Promise<Prescription> {
    const input: PrescriptionInput = {
      kind: body.kind,
      examDate: body.examDate,
      od: body.od,
      os: body.os,
      pd: body.pd,
      lensType: body.lensType,
    };
    // The birth date bounds the exam date, so the profile is read before the rules run.
    const person = await this.profiles.getProfile(memberId, body.profileId);
    const details = validatePrescription(input, { today: this.clock.today(), birthDate: person.birthDate });
    if (details.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The prescription is not valid.', details);
    const normalized = normalizePrescription(input);
    const source = body.source ?? 'in_store';

    const saved = await this.prescriptions.manager.transaction(async (manager) => {
      await this.requireMember(manager, memberId);
      const profile = await this.profiles.getProfile(memberId, body.profileId, manager);
      await this.consents.requirePrescriptionConsent(memberId, manager);
      const prescription = await manager.save(
        manager.create(PrescriptionEntity, {
          memberId,
          profileId: profile.id,
          kind: normalized.kind,
          source,
          storeId: actor.storeId,
          // An external prescription was written by someone else; who typed it is in the audit log.
          examinerStaffId: source === 'external' ? null : actor.staffId,
          examDate: normalized.examDate,
          expiresAt: prescriptionExpiry(normalized.examDate, profile.birthDate),
          sealedValues: sealPrescriptionValues(
            this.sealedBox,
            { memberId, profileId: profile.id },
            {
              od: normalized.od,
              os: normalized.os,
              pd: normalized.pd ?? null,
              lensType: normalized.kind === 'contact_lens' ? (normalized.lensType ?? 'soft') : null,
              notes: body.notes ?? '',
            },
          ),
        }),
      );
      await this.audit.record(manager, {
        action: 'prescription.create',
        staffId: actor.staffId,
        memberId,
        profileId: profile.id,
        prescriptionId: prescription.id,
        reason: STANDARD_AUDIT_REASONS.examRecorded,
        requestId: actor.requestId,
      });
      return prescription;
    });
    return this.toPrescription(
      await this.withNames().where('prescription.id = :id', { id: saved.id }).getOneOrFail(),
    );
  }

  /** The latest prescription of a member's profile for staff, with exactly one audit row. */
  async readLatestForStaff(
    memberId: number,
    query: LatestPrescriptionQueryDto,
    actor: StaffActor,
  ): Promise<Prescription> {
    const latest = await this.prescriptions.manager.transaction(async (manager) => {
      // No separate member check on this hot path: an unknown or erased member has no profiles.
      const profile = await this.profiles.getProfile(memberId, query.profileId, manager);
      await this.consents.requirePrescriptionConsent(memberId, manager);
      const prescription = await latestFirst(
        this.withNames(manager).where(
          'prescription.memberId = :memberId AND prescription.profileId = :profileId',
          {
            memberId,
            profileId: profile.id,
          },
        ),
      )
        .limit(1)
        .getOne();
      if (!prescription) throw new DomainError(ErrorCode.PRESCRIPTION_NOT_FOUND, 'No prescription on file.');
      await this.audit.record(manager, {
        action: 'prescription.read',
        staffId: actor.staffId,
        memberId,
        profileId: profile.id,
        prescriptionId: prescription.id,
        reason: query.reason ?? STANDARD_AUDIT_REASONS.deskLookup,
        requestId: actor.requestId,
      });
      return prescription;
    });
    return this.toPrescription(latest);
  }

  /** The member's own fitting history, newest exam first. */
  async listForMember(memberId: number, query: PrescriptionQueryDto): Promise<Page<Prescription>> {
    if (query.profileId !== undefined) await this.profiles.getProfile(memberId, query.profileId);
    const window = pageWindow(query);
    const rows = this.withNames().where('prescription.memberId = :memberId', { memberId });
    if (query.profileId !== undefined) rows.andWhere('prescription.profileId = :profileId', query);
    // Offset/limit rather than skip/take: the joins are to-one, so rows and prescriptions match.
    const [items, total] = await latestFirst(rows)
      .offset(window.skip)
      .limit(window.pageSize)
      .getManyAndCount();
    return toPage(
      items.map((row) => this.toPrescription(row)),
      total,
      window,
    );
  }

  async getForMember(memberId: number, prescriptionId: number): Promise<PrescriptionDetail> {
    const prescription = await this.withNames()
      .where('prescription.id = :prescriptionId AND prescription.memberId = :memberId', {
        prescriptionId,
        memberId,
      })
      .getOne();
    if (!prescription) throw new DomainError(ErrorCode.PRESCRIPTION_NOT_FOUND, 'No such prescription.');
    return {
      ...this.toPrescription(prescription),
      orderItems: await this.orderItemsOf(memberId, prescriptionId),
    };
  }

  /** Kind, expiry and powers of a prescription of the member or their family, for the lens-fit check. */
  async findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null> {
    const row = await this.prescriptions.findOneBy({ id: prescriptionId, memberId });
    if (!row) return null;
    const { od, os } = this.open(row);
    return { kind: row.kind, expiresAt: row.expiresAt, od, os };
  }

  private async orderItemsOf(memberId: number, prescriptionId: number): Promise<PrescriptionOrderItem[]> {
    const manager = this.prescriptions.manager;
    const items = await manager.find(OrderItemEntity, { where: { prescriptionId }, order: { id: 'ASC' } });
    if (items.length === 0) return [];
    const orders = await manager.findBy(OrderEntity, { id: In(items.map((item) => item.orderId)), memberId });
    const orderById = new Map(orders.map((order) => [order.id, order]));
    return items.flatMap((item) => {
      const order = orderById.get(item.orderId);
      if (!order) return [];
      return [
        {
          orderId: order.id,
          orderNo: order.no,
          orderStatus: order.status,
          name: item.name,
          quantity: item.quantity,
          orderedAt: order.createdAt.toISOString(),
        },
      ];
    });
  }

  async trendForMember(memberId: number, profileId: number): Promise<MyopiaTrend> {
    const profile = await this.profiles.getProfile(memberId, profileId);
    const rows = await this.prescriptions.findBy({ memberId, profileId: profile.id });
    const exams = rows.map((row) => ({ ...row, ...this.open(row) }));
    return myopiaTrend(exams, profile);
  }

  /** Every prescription of a member, oldest first, for the PIPL export. */
  async listAllForMember(memberId: number): Promise<Prescription[]> {
    const rows = await this.withNames()
      .where('prescription.memberId = :memberId', { memberId })
      .orderBy('prescription.id', 'ASC')
      .getMany();
    return rows.map((row) => this.toPrescription(row));
  }

  /** Headers (no values) of the latest prescription of each given profile. */
  async latestHeaders(memberId: number): Promise<Map<number, PrescriptionHeader>> {
    const rows = await latestFirst(
      this.prescriptions
        .createQueryBuilder('prescription')
        .select(['prescription.id', 'prescription.profileId', 'prescription.kind'])
        .addSelect(['prescription.examDate', 'prescription.expiresAt', 'store.name'])
        .leftJoinAndMapOne('prescription.store', StoreEntity, 'store', 'store.id = prescription.storeId')
        .where('prescription.memberId = :memberId', { memberId }),
    ).getMany();
    const today = this.clock.today();
    const headers = new Map<number, PrescriptionHeader>();
    for (const row of rows) {
      if (headers.has(row.profileId)) continue;
      headers.set(row.profileId, {
        id: row.id,
        kind: row.kind,
        examDate: row.examDate,
        expiresAt: row.expiresAt,
        expired: row.expiresAt <= today,
        storeName: row.store?.name ?? null,
      });
    }
    return headers;
  }

  private open(row: PrescriptionEntity): PrescriptionValues {
    return openPrescriptionValues(this.sealedBox, row);
  }

  /** Prescriptions with their store and examiner joined, so that naming them takes no more queries. */
  private withNames(
    manager: EntityManager = this.prescriptions.manager,
  ): SelectQueryBuilder<PrescriptionEntity> {
    return manager
      .createQueryBuilder(PrescriptionEntity, 'prescription')
      .leftJoinAndMapOne('prescription.store', StoreEntity, 'store', 'store.id = prescription.storeId')
      .leftJoinAndMapOne(
        'prescription.examiner',
        StaffEntity,
        'examiner',
        'examiner.id = prescription.examinerStaffId',
      );
  }

  private toPrescription(row: PrescriptionEntity): Prescription {
    const values = this.open(row);
    return {
      id: row.id,
      profileId: row.profileId,
      kind: row.kind,
      source: row.source,
      examDate: row.examDate,
      expiresAt: row.expiresAt,
      expired: row.expiresAt <= this.clock.today(),
      od: values.od,
      os: values.os,
      pd: values.pd,
      lensType: values.lensType,
      notes: values.notes,
      storeId: row.storeId,
      storeName: row.store?.name ?? null,
      examinerName: row.examiner?.name ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async requireMember(manager: EntityManager, memberId: number): Promise<void> {
    if (!(await manager.existsBy(MemberEntity, { id: memberId, erasedAt: IsNull() }))) {
      throw new DomainError(ErrorCode.MEMBER_NOT_FOUND, 'No such member.');
    }
  }
}
