import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditAction, AuditEntry, Page, PageQuery } from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import { pageWindow, toPage } from '../../common/pagination';
import { StaffEntity } from '../staff/entities/staff.entity';
import { AuditLogEntity } from './entities/audit-log.entity';

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
export class AuditService {
  constructor(
    @InjectRepository(AuditLogEntity) private readonly entries: Repository<AuditLogEntity>,
    @InjectRepository(StaffEntity) private readonly staff: Repository<StaffEntity>,
  ) {}

  /** Writes one row with `manager`, so it commits or rolls back with the access it records. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditLogEntity, record);
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

  /** Every row about one member, oldest first, for the PIPL export. */
  async listAllForMember(memberId: number): Promise<AuditEntry[]> {
    return this.toEntries(await this.entries.find({ where: { memberId }, order: { id: 'ASC' } }));
  }

  private async toEntries(rows: AuditLogEntity[]): Promise<AuditEntry[]> {
    const staffIds = [...new Set(rows.map((row) => row.staffId))];
    const staff = staffIds.length ? await this.staff.findBy({ id: In(staffIds) }) : [];
    const staffById = new Map(staff.map((member) => [member.id, member]));
    return rows.map((row): AuditEntry => {
      const actor = staffById.get(row.staffId);
      return {
        id: row.id,
        action: row.action,
        staff: actor ? { id: actor.id, name: actor.name, role: actor.role } : null,
        memberId: row.memberId,
        profileId: row.profileId,
        prescriptionId: row.prescriptionId,
        reason: row.reason,
        requestId: row.requestId,
        at: row.createdAt.toISOString(),
      };
    });
  }
}
