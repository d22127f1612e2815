import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
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
  type PrescriptionInput,
  type EyePrescription,
  type PrescriptionKind,
} from '@lensloop/shared';
import { Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { EventBus } from '../../infra/events/event-bus';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { TransactionRunner } from '../../common/transaction';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { executePrepared } from '../../infra/database/prepared-statement';
import { RawEntityReader } from '../../infra/database/raw-entity-reader';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { ProfilesService } from '../members/profiles.service';
import { OrdersService } from '../orders/orders.service';
import {
  PrescriptionReferencePort,
  type PrescriptionForFitting,
  type PrescriptionReferenceChecker,
} from '../orders/prescription-reference';
import { StaffService, type StaffName } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
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

function storeIdsOf(rows: readonly PrescriptionEntity[]): number[] {
  return rows.flatMap((row) => (row.storeId === null ? [] : [row.storeId]));
}

function latestFirst(query: SelectQueryBuilder<PrescriptionEntity>): SelectQueryBuilder<PrescriptionEntity> {
  return query.orderBy('prescription.examDate', 'DESC').addOrderBy('prescription.id', 'DESC');
}

/** A prescription's facts for rules over a member (`examsOf`). */
export interface PrescriptionExam {
  profileId: number;
  kind: PrescriptionKind;
  examDate: string;
  expiresAt: string;
  od: EyePrescription;
  os: EyePrescription;
}

@Injectable()
export class PrescriptionsService
  implements PrescriptionReferenceChecker, PersonalDataContributor, OnModuleInit
{
  readonly section = 'prescriptions';

  /** The desk's hot read, written once and hydrated without the query builder (`latestWithConsent`). */
  private readonly rawRows: RawEntityReader<PrescriptionEntity>;
  private readonly latestWithConsentSql: string;

  constructor(
    @InjectRepository(PrescriptionEntity) private readonly prescriptions: Repository<PrescriptionEntity>,
    @Inject(SealedBox) private readonly sealedBox: SealedBox,
    private readonly tx: TransactionRunner,
    private readonly members: MembersService,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly orders: OrdersService,
    private readonly prescriptionReferences: PrescriptionReferencePort,
    private readonly personalData: PersonalDataRegistry,
    private readonly clock: BusinessClock,
    private readonly events: EventBus,
  ) {
    this.rawRows = new RawEntityReader(prescriptions);
    // Newest first as `latestFirst` orders, with the consent in force read in the same statement.
    this.latestWithConsentSql =
      `SELECT ${this.rawRows.columnsOf('prescription')}, ` +
      `${consents.prescriptionConsentSql('prescription.member_id')} AS consented ` +
      'FROM prescriptions prescription WHERE prescription.member_id = ? AND prescription.profile_id = ? ' +
      'ORDER BY prescription.exam_date DESC, prescription.id DESC LIMIT 1';
  }

  onModuleInit(): void {
    this.prescriptionReferences.register(this);
    this.personalData.register(this);
  }

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
    // The birth date bounds the exam date, so member and profile are read before the rules run.
    await this.members.getMember(memberId);
    const profile = await this.profiles.getProfile(memberId, body.profileId);
    const details = validatePrescription(input, { today: this.clock.today(), birthDate: profile.birthDate });
    if (details.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The prescription is not valid.', details);
    const normalized = normalizePrescription(input);
    const source = body.source ?? 'in_store';

    const saved = await this.tx.run(async (manager) => {
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
      // Only ids and facts: the powers stay sealed in this module.
      await this.events.publish(manager, 'PrescriptionRecorded', prescription.id, {
        prescriptionId: prescription.id,
        memberId,
        profileId: profile.id,
        kind: prescription.kind,
        examDate: prescription.examDate,
      });
      return prescription;
    });
    const [named] = await this.toPrescriptions([saved]);
    return named;
  }

  /** The latest prescription of a member's profile for staff, with exactly one audit row. */
  async readLatestForStaff(
    memberId: number,
    query: LatestPrescriptionQueryDto,
    actor: StaffActor,
  ): Promise<Prescription> {
    // The desk's hot path in two prepared statements: the profile's latest prescription with the
    // consent in force, on a pooled connection outside a transaction, then the audit row, committed
    // together with those of concurrent lookups. A prescription is only recorded for a profile of its
    // member and erasure removes both, so finding one proves the profile: the profile is read only
    // when none is found or none is named. The values are answered only after the audit row has
    // committed, so no read goes unlogged.
    const requested = query.profileId;
    let found = requested === undefined ? null : await this.latestWithConsent(memberId, requested);
    if (!found) {
      // The same answer for every request: no such profile (404), then no consent (409), then no
      // prescription (404).
      const profile = await this.profiles.getProfile(memberId, requested);
      if (requested === undefined) found = await this.latestWithConsent(memberId, profile.id);
    }
    if (!found?.consented) await this.consents.requirePrescriptionConsent(memberId);
    if (!found) throw new DomainError(ErrorCode.PRESCRIPTION_NOT_FOUND, 'No prescription on file.');
    const latest = found.prescription;
    const [[named]] = await Promise.all([
      this.toPrescriptions([latest]),
      this.audit.recordCommitted({
        action: 'prescription.read',
        staffId: actor.staffId,
        memberId,
        profileId: latest.profileId,
        prescriptionId: latest.id,
        reason: query.reason ?? STANDARD_AUDIT_REASONS.deskLookup,
        requestId: actor.requestId,
      }),
    ]);
    return named;
  }

  /** A profile's latest prescription and whether the member's consent is in force, in one statement. */
  private async latestWithConsent(
    memberId: number,
    profileId: number,
  ): Promise<{ prescription: PrescriptionEntity; consented: boolean } | null> {
    const [row] = await executePrepared<(Record<string, unknown> & { consented: number | string | null })[]>(
      this.prescriptions.manager.connection,
      this.latestWithConsentSql,
      [memberId, profileId],
    );
    return row ? { prescription: this.rawRows.hydrate(row), consented: Number(row.consented) === 1 } : null;
  }

  /** The member's own fitting history, newest exam first. */
  async listForMember(memberId: number, query: PrescriptionQueryDto): Promise<Page<Prescription>> {
    if (query.profileId !== undefined) await this.profiles.getProfile(memberId, query.profileId);
    const window = pageWindow(query);
    const rows = this.prescriptions
      .createQueryBuilder('prescription')
      .where('prescription.memberId = :memberId', { memberId });
    if (query.profileId !== undefined) rows.andWhere('prescription.profileId = :profileId', query);
    const [items, total] = await latestFirst(rows)
      .offset(window.skip)
      .limit(window.pageSize)
      .getManyAndCount();
    return toPage(await this.toPrescriptions(items), total, window);
  }

  async getForMember(memberId: number, prescriptionId: number): Promise<PrescriptionDetail> {
    const prescription = await this.prescriptions.findOneBy({ id: prescriptionId, memberId });
    if (!prescription) throw new DomainError(ErrorCode.PRESCRIPTION_NOT_FOUND, 'No such prescription.');
    const [[named], orderItems] = await Promise.all([
      this.toPrescriptions([prescription]),
      this.orders.linesForPrescription(memberId, prescriptionId),
    ]);
    return { ...named, orderItems };
  }

  /** Kind, expiry and powers of a prescription of the member or their family, for the lens-fit check. */
  async findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null> {
    const row = await this.prescriptions.findOneBy({ id: prescriptionId, memberId });
    if (!row) return null;
    const { od, os } = this.open(row);
    return { kind: row.kind, expiresAt: row.expiresAt, od, os };
  }

  async trendForMember(memberId: number, profileId: number): Promise<MyopiaTrend> {
    const profile = await this.profiles.getProfile(memberId, profileId);
    const rows = await this.prescriptions.findBy({ memberId, profileId: profile.id });
    const exams = rows.map((row) => ({ ...row, ...this.open(row) }));
    return myopiaTrend(exams, profile);
  }

  /** Every prescription of the member and their family, oldest first, decrypted. */
  async exportFor(memberId: number): Promise<Prescription[]> {
    const rows = await this.prescriptions.find({ where: { memberId }, order: { id: 'ASC' } });
    return this.toPrescriptions(rows);
  }

  /**
   * Kind, dates and powers of every prescription of the member and their family, decrypted (for
   * rules such as the automatic tags; not audited: nothing leaves the server).
   */
  async examsOf(manager: EntityManager, memberId: number): Promise<PrescriptionExam[]> {
    const rows = await manager.find(PrescriptionEntity, { where: { memberId }, order: { id: 'ASC' } });
    return rows.map((row) => {
      const { od, os } = this.open(row);
      return {
        profileId: row.profileId,
        kind: row.kind,
        examDate: row.examDate,
        expiresAt: row.expiresAt,
        od,
        os,
      };
    });
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(PrescriptionEntity, { memberId });
  }

  /** Headers (no values) of the latest prescription of each given profile. */
  async latestHeaders(memberId: number): Promise<Map<number, PrescriptionHeader>> {
    const rows = await latestFirst(
      this.prescriptions
        .createQueryBuilder('prescription')
        .select(['prescription.id', 'prescription.profileId', 'prescription.kind'])
        .addSelect(['prescription.examDate', 'prescription.expiresAt', 'prescription.storeId'])
        .where('prescription.memberId = :memberId', { memberId }),
    ).getMany();
    const storeNames = await this.stores.namesOf(storeIdsOf(rows));
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
        storeName: row.storeId === null ? null : (storeNames.get(row.storeId) ?? null),
      });
    }
    return headers;
  }

  private open(row: PrescriptionEntity): PrescriptionValues {
    return openPrescriptionValues(this.sealedBox, row);
  }

  /** With their store and examiner named: store names come from a cache, examiners in one query. */
  private async toPrescriptions(rows: readonly PrescriptionEntity[]): Promise<Prescription[]> {
    const [storeNames, examiners] = await Promise.all([
      this.stores.namesOf(storeIdsOf(rows)),
      this.staff.namesOf(rows.flatMap((row) => (row.examinerStaffId === null ? [] : [row.examinerStaffId]))),
    ]);
    return rows.map((row) => this.toPrescription(row, storeNames, examiners));
  }

  private toPrescription(
    row: PrescriptionEntity,
    storeNames: ReadonlyMap<number, string>,
    examiners: ReadonlyMap<number, StaffName>,
  ): Prescription {
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
      storeName: row.storeId === null ? null : (storeNames.get(row.storeId) ?? null),
      examinerName: row.examinerStaffId === null ? null : (examiners.get(row.examinerStaffId)?.name ?? null),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
