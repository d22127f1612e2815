import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type StaffProfile, type StaffRole } from '@lensloop/shared';
import { In, Not, Repository } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { ImmutableByIdCache } from '../../common/immutable-by-id-cache';
import { StaffEntity } from './entities/staff.entity';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher';

export function toStaffProfile(staff: StaffEntity): StaffProfile {
  return { id: staff.id, name: staff.name, role: staff.role, storeId: staff.storeId };
}

/** How other modules name a staff member (audit rows, examiners, a member's owner). */
export interface StaffName {
  id: number;
  name: string;
  role: StaffRole;
}

@Injectable()
export class StaffService {
  /** Staff are created by seed or migration and never renamed or given another role through the API. */
  private readonly names = new ImmutableByIdCache<StaffName>();

  constructor(@InjectRepository(StaffEntity) private readonly staff: Repository<StaffEntity>) {}

  /** The active staff member with these credentials; one error for unknown user and wrong password. */
  async authenticate(username: string, password: string): Promise<StaffEntity> {
    const staff = await this.staff
      .createQueryBuilder('staff')
      .addSelect('staff.passwordHash')
      .where('staff.username = :username', { username })
      .getOne();
    const valid = await verifyPassword(password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!staff || !valid || !staff.active) {
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password.');
    }
    return staff;
  }

  /** How many active staff of a role work at a store (optometrists set the appointment capacity). */
  countActive(storeId: number, role: StaffRole): Promise<number> {
    return this.staff.countBy({ storeId, role, active: true });
  }

  async getStaff(staffId: number): Promise<StaffEntity> {
    const staff = await this.staff.findOneBy({ id: staffId, active: true });
    if (!staff) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This staff account is no longer active.');
    return staff;
  }

  /** Staff of a store (or everyone, for `null`), active first then by name; HQ admins left out. */
  listStaff(storeId: number | null): Promise<StaffEntity[]> {
    return this.staff.find({
      where: storeId === null ? { role: Not('admin' as const) } : { storeId, role: Not('admin' as const) },
      order: { active: 'DESC', id: 'ASC' },
      take: 500,
    });
  }

  /** The staff member with this id, active or not (null when unknown): transfers check both. */
  findStaff(staffId: number): Promise<StaffEntity | null> {
    return this.staff.findOneBy({ id: staffId });
  }

  /** The staff members with these ids (also inactive ones, who still wrote past records), in one query. */
  namesOf(ids: readonly number[]): Promise<Map<number, StaffName>> {
    return this.names.get(ids, async (missing) =>
      (
        await this.staff.find({ select: { id: true, name: true, role: true }, where: { id: In(missing) } })
      ).map(({ id, name, role }): [number, StaffName] => [id, { id, name, role }]),
    );
  }

  /** Active store staff (not HQ), of one store or of every store, by id: the leaderboard's rows. */
  async activeStoreStaff(storeId: number | null): Promise<{ id: number; name: string; storeId: number }[]> {
    const query = this.staff
      .createQueryBuilder('staff')
      .select(['staff.id', 'staff.name', 'staff.storeId'])
      .where('staff.active = :active AND staff.storeId IS NOT NULL', { active: true })
      .orderBy('staff.id');
    if (storeId !== null) query.andWhere('staff.storeId = :storeId', { storeId });
    const rows = await query.getMany();
    return rows.map(({ id, name, storeId: home }) => ({ id, name, storeId: home as number }));
  }
}
