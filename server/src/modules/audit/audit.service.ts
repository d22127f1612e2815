import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditAction, AuditEntry, Page, PageQuery } from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { pageWindow, toPage } from '../../common/pagination';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { executePrepared } from '../../infra/database/prepared-statement';
import { GroupCommit } from '../../infra/database/group-commit';
import { StaffService } from '../staff/staff.service';
import { insertSql, ROWS_PER_GROUP_COMMIT } from './audit-insert';
import { AuditLogEntity } from './entities/audit-log.entity';

function valuesOf(records: AuditRecord[]): unknown[] {
  return records.flatMap((record) => [
    record.action,
    record.staffId,
    record.memberId,
    record.profileId,
    record.prescriptionId,
    record.reason,
    record.requestId,
  ]);
}

export interface AuditRecord {
  action: AuditAction;
  staffId: number;
  memberId: number;
  profileId: number | null;
  prescriptionId: number | null;
  reason: string;
  requestId: string;
}

/** The append-only audit log: this service inserts and reads rows, and has no way to change them. */
@Injectable()
export class AuditService implements PersonalDataContributor, OnModuleInit {
  readonly section = 'accessLog';
  private readonly committedReads = new GroupCommit<AuditRecord>(async (records) => {
    await executePrepared(this.entries.manager.connection, insertSql(records.length), valuesOf(records));
  }, ROWS_PER_GROUP_COMMIT);

  constructor(
    @InjectRepository(AuditLogEntity) private readonly entries: Repository<AuditLogEntity>,
    private readonly staff: StaffService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  /** Writes one row with `manager`, so it commits or rolls back with the access it records. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query(insertSql(1), valuesOf([record]));
  }

  /**
   * Writes one row outside any transaction and resolves once it has committed, for a read that is
   * answered only after its audit row is safe. Rows of concurrent reads commit together in one
   * statement (the desk's hot path: one log flush for all of them instead of one each).
   */
  recordCommitted(record: AuditRecord): Promise<void> {
    return this.committedReads.add(record);
  }

  /** Newest first; all members' rows when `memberId` is undefined (admins only). */
  async list(memberId: number | undefined, query: PageQuery): Promise<Page<AuditEntry>> {
    const window = pageWindow(query);
    const [rows, total] = await this.entries.findAndCount({
      where: memberId === undefined ? {} : { memberId },
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(await this.toEntries(rows), total, window);
  }

  /** Every row about one member, oldest first: who read or wrote their prescriptions. */
  async exportFor(memberId: number): Promise<AuditEntry[]> {
    return this.toEntries(await this.entries.find({ where: { memberId }, order: { id: 'ASC' } }));
  }

  /** Nothing to erase: the rows hold only ids and are the record of who accessed the data. */
  async eraseFor(): Promise<void> {}

  private async toEntries(rows: AuditLogEntity[]): Promise<AuditEntry[]> {
    const staffById = await this.staff.namesOf(rows.map((row) => row.staffId));
    return rows.map((row): AuditEntry => ({
      id: row.id,
      action: row.action,
      staff: staffById.get(row.staffId) ?? null,
      memberId: row.memberId,
      profileId: row.profileId,
      prescriptionId: row.prescriptionId,
      reason: row.reason,
      requestId: row.requestId,
      at: row.createdAt.toISOString(),
    }));
  }
}
