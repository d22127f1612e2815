import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  normalizePrescription,
  prescriptionExpiry,
  shanghaiDate,
  STANDARD_AUDIT_REASONS,
  validatePrescription,
  type MyopiaTrend,
  type Page,
  type Prescription,
  type PrescriptionHeader,
  type PrescriptionInput,
} from '@lensloop/shared';
import { In, IsNull, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { AuditService } from '../audit/audit.service';
import { MemberEntity } from '../members/entities/member.entity';
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

const LATEST_FIRST = { examDate: 'DESC', id: 'DESC' } as const;

@Injectable()
export class PrescriptionsService {
  constructor(
    @InjectRepository(PrescriptionEntity) private readonly prescriptions: Repository<PrescriptionEntity>,
    @InjectRepository(StoreEntity) private readonly stores: Repository<StoreEntity>,
    @InjectRepository(StaffEntity) private readonly staff: Repository<StaffEntity>,
    @Inject(SealedBox) private readonly sealedBox: SealedBox,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
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
    };
    const details = validatePrescription(input, { today: shanghaiDate(new Date()) });
    if (details.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The prescription is not valid.', details);
    const normalized = normalizePrescription(input);

    const saved = await this.prescriptions.manager.transaction(async (manager) => {
      await this.requireMember(manager, memberId);
      const profile = await this.profiles.getProfile(memberId, body.profileId, manager);
      await this.consents.requirePrescriptionConsent(memberId, manager);
      const prescription = await manager.save(
        manager.create(PrescriptionEntity, {
          memberId,
          profileId: profile.id,
          kind: normalized.kind,
          source: body.source ?? 'in_store',
          storeId: actor.storeId,
          examinerStaffId: actor.staffId,
          examDate: normalized.examDate,
          expiresAt: prescriptionExpiry(normalized.examDate, profile.birthDate),
          sealedValues: sealPrescriptionValues(
            this.sealedBox,
            { memberId, profileId: profile.id },
            { ...normalized, notes: body.notes ?? '' },
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
    const [prescription] = await this.describe([saved]);
    return prescription;
  }

  /** The latest prescription of a member's profile for staff, with exactly one audit row. */
  async readLatestForStaff(
    memberId: number,
    query: LatestPrescriptionQueryDto,
    actor: StaffActor,
  ): Promise<Prescription> {
    const latest = await this.prescriptions.manager.transaction(async (manager) => {
      await this.requireMember(manager, memberId);
      const profile = await this.profiles.getProfile(memberId, query.profileId, manager);
      await this.consents.requirePrescriptionConsent(memberId, manager);
      const prescription = await manager.findOne(PrescriptionEntity, {
        where: { memberId, profileId: profile.id },
        order: LATEST_FIRST,
      });
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
    const [prescription] = await this.describe([latest]);
    return prescription;
  }

  /** The member's own fitting history, newest exam first. */
  async listForMember(memberId: number, query: PrescriptionQueryDto): Promise<Page<Prescription>> {
    if (query.profileId !== undefined) await this.profiles.getProfile(memberId, query.profileId);
    const window = pageWindow(query);
    const [rows, total] = await this.prescriptions.findAndCount({
      where: { memberId, ...(query.profileId === undefined ? {} : { profileId: query.profileId }) },
      order: LATEST_FIRST,
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(await this.describe(rows), total, window);
  }

  async getForMember(memberId: number, prescriptionId: number): Promise<Prescription> {
    const prescription = await this.prescriptions.findOneBy({ id: prescriptionId, memberId });
    if (!prescription) throw new DomainError(ErrorCode.PRESCRIPTION_NOT_FOUND, 'No such prescription.');
    const [described] = await this.describe([prescription]);
    return described;
  }

  async trendForMember(memberId: number, profileId: number): Promise<MyopiaTrend> {
    const profile = await this.profiles.getProfile(memberId, profileId);
    const rows = await this.prescriptions.findBy({ memberId, profileId: profile.id });
    const exams = rows.map((row) => ({ ...row, ...this.open(row) }));
    return myopiaTrend(exams, profile.birthDate);
  }

  /** Every prescription of a member, oldest first, for the PIPL export. */
  async listAllForMember(memberId: number): Promise<Prescription[]> {
    return this.describe(await this.prescriptions.find({ where: { memberId }, order: { id: 'ASC' } }));
  }

  /** Headers (no values) of the latest prescription of each given profile. */
  async latestHeaders(memberId: number): Promise<Map<number, PrescriptionHeader>> {
    const rows = await this.prescriptions.find({
      select: { id: true, profileId: true, kind: true, examDate: true, expiresAt: true, storeId: true },
      where: { memberId },
      order: LATEST_FIRST,
    });
    const storeNames = await this.storeNames(rows);
    const today = shanghaiDate(new Date());
    const headers = new Map<number, PrescriptionHeader>();
    for (const row of rows) {
      if (headers.has(row.profileId)) continue;
      headers.set(row.profileId, {
        id: row.id,
        kind: row.kind,
        examDate: row.examDate,
        expiresAt: row.expiresAt,
        expired: row.expiresAt <= today,
        storeName: row.storeId === null ? null : (storeNames.get(row.storeId) ?? null),
      });
    }
    return headers;
  }

  private open(row: PrescriptionEntity): PrescriptionValues {
    return openPrescriptionValues(this.sealedBox, row);
  }

  private async describe(rows: PrescriptionEntity[]): Promise<Prescription[]> {
    const examinerIds = [
      ...new Set(rows.flatMap((row) => (row.examinerStaffId === null ? [] : [row.examinerStaffId]))),
    ];
    const [storeNames, examiners] = await Promise.all([
      this.storeNames(rows),
      examinerIds.length ? this.staff.findBy({ id: In(examinerIds) }) : Promise.resolve([]),
    ]);
    const examinerNames = new Map(examiners.map((examiner) => [examiner.id, examiner.name]));
    const today = shanghaiDate(new Date());
    return rows.map((row): Prescription => {
      const values = this.open(row);
      return {
        id: row.id,
        profileId: row.profileId,
        kind: row.kind,
        source: row.source,
        examDate: row.examDate,
        expiresAt: row.expiresAt,
        expired: row.expiresAt <= today,
        od: values.od,
        os: values.os,
        pd: values.pd,
        notes: values.notes,
        storeId: row.storeId,
        storeName: row.storeId === null ? null : (storeNames.get(row.storeId) ?? null),
        examinerName: row.examinerStaffId === null ? null : (examinerNames.get(row.examinerStaffId) ?? null),
        createdAt: row.createdAt.toISOString(),
      };
    });
  }

  private async storeNames(rows: Pick<PrescriptionEntity, 'storeId'>[]): Promise<Map<number, string>> {
    const storeIds = [...new Set(rows.flatMap((row) => (row.storeId === null ? [] : [row.storeId])))];
    const stores = storeIds.length ? await this.stores.findBy({ id: In(storeIds) }) : [];
    return new Map(stores.map((store) => [store.id, store.name]));
  }

  private async requireMember(manager: EntityManager, memberId: number): Promise<void> {
    if (!(await manager.existsBy(MemberEntity, { id: memberId, erasedAt: IsNull() }))) {
      throw new DomainError(ErrorCode.MEMBER_NOT_FOUND, 'No such member.');
    }
  }
}
