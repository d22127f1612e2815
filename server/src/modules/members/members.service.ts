import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type CustomerSummary,
  type Member,
  type MemberCode,
  type MemberExport,
  type Page,
  type PageQuery,
} from '@lensloop/shared';
import { randomInt } from 'node:crypto';
import { In, IsNull, Like, Repository, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import {
  looksLikeRotatingCode,
  MEMBER_CODE,
  rotatingCode,
  verifyRotatingCode,
} from '../../common/rotating-code';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { EventBus } from '../../infra/events/event-bus';
import { MemberStandingPort, type MemberStanding } from './member-standing';
import type { WechatSession } from '../../infra/wechat/wechat-client';
import { StaffService } from '../staff/staff.service';
import { MemberEntity } from './entities/member.entity';
import { ProfileEntity } from './entities/profile.entity';
import { maskPhone } from './policies/phone-mask';

/** Where a first login came from: the store of a scanned code, a friend's referral code. */
export interface Arrival {
  homeStoreId: number | null;
  referralCode: string | null;
  /** The raw wxacode scene, kept in `MemberRegistered` for later use. */
  scene?: string | null;
  /** When the referral code was scanned (ISO), as the mini-program kept it. */
  scannedAt?: string | null;
}

export function toCustomerSummary(member: MemberEntity): CustomerSummary {
  return {
    id: member.id,
    nickname: member.nickname,
    phoneMasked: maskPhone(member.phone),
    memberCode: member.memberCode,
  };
}

/**
 * How the desk's search box reads what was typed: a phone, the printed member number, else a name
 * prefix. (A scanned rotating member code is resolved before this, in `searchCustomers`.)
 */
function searchCondition(text: string): FindOptionsWhere<MemberEntity> {
  if (/^1\d{10}$/.test(text)) return { phone: text };
  if (/^\d{12}$/.test(text)) return { memberCode: text };
  return { nickname: Like(`${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`) };
}

function newMemberCode(): string {
  return Array.from({ length: 12 }, () => randomInt(10)).join('');
}

@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    private readonly staff: StaffService,
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly standing: MemberStandingPort,
  ) {}

  /** Tier, points and balance from the modules that own them, over the values of a new member. */
  /** Tier, points and balance as the modules owning them say (membership, wallet). */
  private standingOf(member: MemberEntity): Promise<MemberStanding> {
    return this.standing.standingOf(member.id, { tier: 'regular', points: 0, balance: 0 });
  }

  /** Finds the member of this WeChat user, creating them (and publishing `MemberRegistered`) on first login. */
  async loginWithWechat(
    session: WechatSession,
    { homeStoreId, referralCode, scene = null, scannedAt = null }: Arrival,
  ): Promise<{ member: MemberEntity; isNew: boolean }> {
    const existing = await this.members.findOneBy({ openid: session.openid });
    if (existing) {
      await this.members.update(existing.id, { sessionKey: session.sessionKey, unionid: session.unionid });
      return { member: existing, isNew: false };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        // Every member has their own ("self") family profile from the start.
        const member = await this.tx.run(async (manager) => {
          const created = await manager.save(
            manager.create(MemberEntity, {
              openid: session.openid,
              unionid: session.unionid,
              sessionKey: session.sessionKey,
              memberCode: newMemberCode(),
              homeStoreId,
            }),
          );
          await manager.insert(ProfileEntity, { memberId: created.id, name: '', relation: 'self' });
          await this.events.publish(manager, 'MemberRegistered', created.id, {
            memberId: created.id,
            storeId: homeStoreId,
            referralCode,
            scene,
            scannedAt,
          });
          return created;
        });
        return { member, isNew: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Either a concurrent first login of the same user won the race, or the member code collided.
        const winner = await this.members.findOneBy({ openid: session.openid });
        if (winner) return { member: winner, isNew: false };
      }
    }
    throw new Error('Could not allocate a unique member code');
  }

  async bindPhone(memberId: number, phone: string): Promise<MemberEntity> {
    await this.members.update(memberId, { phone });
    return this.getMember(memberId);
  }

  /** The member unless erased; 404 MEMBER_NOT_FOUND otherwise. Pass a transaction's `manager` to read in it. */
  async getMember(memberId: number, manager: EntityManager = this.members.manager): Promise<MemberEntity> {
    const member = await manager.findOneBy(MemberEntity, { id: memberId, erasedAt: IsNull() });
    if (!member) throw new DomainError(ErrorCode.MEMBER_NOT_FOUND, 'No such member.');
    return member;
  }

  /** Which of these ids are members who have not been erased (one `IN` query). */
  async existingIds(memberIds: readonly number[]): Promise<Set<number>> {
    if (memberIds.length === 0) return new Set();
    const members = await this.members.find({
      select: { id: true },
      where: { id: In([...memberIds]), erasedAt: IsNull() },
    });
    return new Set(members.map((member) => member.id));
  }

  /**
   * Members (not erased) after `afterId`, by id, with where they belong: for modules that keep
   * facts per member and catch up on members they have not heard of (the nightly tags run).
   */
  async pageAfter(
    afterId: number,
    limit: number,
  ): Promise<{ id: number; homeStoreId: number | null; ownerStaffId: number | null; createdAt: Date }[]> {
    return this.members
      .createQueryBuilder('member')
      .select(['member.id', 'member.homeStoreId', 'member.ownerStaffId', 'member.createdAt'])
      .where('member.id > :afterId AND member.erasedAt IS NULL', { afterId })
      .orderBy('member.id')
      .limit(limit)
      .getMany();
  }

  /** Nicknames of these members (null for an erased member), for masked lists such as referrals. */
  async nicknamesOf(memberIds: readonly number[]): Promise<Map<number, string | null>> {
    if (memberIds.length === 0) return new Map();
    const members = await this.members.find({
      select: { id: true, nickname: true },
      where: { id: In([...new Set(memberIds)]) },
    });
    return new Map(members.map((member) => [member.id, member.nickname]));
  }

  /**
   * Owner staff, for the customers module (which keeps the history): sets the owner of a member
   * who has none, conditionally on the column still being empty; answers whether it did.
   */
  async setOwnerIfNone(manager: EntityManager, memberId: number, staffId: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MemberEntity)
      .set({ ownerStaffId: staffId })
      .where('id = :memberId AND owner_staff_id IS NULL AND erased_at IS NULL', { memberId })
      .execute();
    return result.affected === 1;
  }

  /**
   * Moves members from one owner to another: the rows still owned by `fromStaffId` (all of them,
   * or those of `memberIds`) are locked in id order and moved; answers the ids that moved, so a
   * concurrent transfer of the same members moves each one once.
   */
  async moveOwners(
    manager: EntityManager,
    fromStaffId: number,
    toStaffId: number,
    memberIds: readonly number[] | null,
  ): Promise<number[]> {
    const query = manager
      .createQueryBuilder(MemberEntity, 'member')
      .select('member.id', 'id')
      .where('member.owner_staff_id = :fromStaffId AND member.erased_at IS NULL', { fromStaffId })
      .orderBy('member.id', 'ASC');
    // The embedded SQLite runs one transaction at a time and has no row locks.
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write');
    if (memberIds) {
      if (memberIds.length === 0) return [];
      query.andWhere('member.id IN (:...memberIds)', { memberIds: [...memberIds] });
    }
    const ids = (await query.getRawMany<{ id: number }>()).map((row) => Number(row.id));
    if (ids.length === 0) return [];
    await manager
      .createQueryBuilder()
      .update(MemberEntity)
      .set({ ownerStaffId: toStaffId })
      .where('id IN (:...ids) AND owner_staff_id = :fromStaffId', { ids, fromStaffId })
      .execute();
    return ids;
  }

  /** The customers a staff member owns, oldest first (the transfer page picks some of them). */
  async listOwnedBy(staffId: number, query: PageQuery): Promise<Page<CustomerSummary>> {
    const window = pageWindow(query);
    const [members, total] = await this.members.findAndCount({
      where: { ownerStaffId: staffId, erasedAt: IsNull() },
      order: { id: 'ASC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(members.map(toCustomerSummary), total, window);
  }

  /** Sets the home store of a member who has none (a store or regional code). */
  async setHomeStoreIfNone(manager: EntityManager, memberId: number, storeId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MemberEntity)
      .set({ homeStoreId: storeId })
      .where('id = :memberId AND home_store_id IS NULL', { memberId })
      .execute();
  }

  /** The member with this WeChat unionid (the WeCom external contact link), if any. */
  async findByUnionid(unionid: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ unionid, erasedAt: IsNull() });
  }

  /** The member's rotating identification code (`MB<id>-<HMAC>`), a new one every 30 s. */
  async memberCode(memberId: number): Promise<MemberCode> {
    const member = await this.getMember(memberId);
    const { code, expiresAt } = rotatingCode(
      MEMBER_CODE,
      this.config.members.codeSecret,
      member.id,
      this.clock.nowMs(),
    );
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The staff desk's customer search over members who have not been erased. A scanned rotating
   * member code finds exactly its member while it is current (or one step old), nobody otherwise.
   */
  async searchCustomers(text: string, query: PageQuery): Promise<Page<CustomerSummary>> {
    const window = pageWindow(query);
    let where: FindOptionsWhere<MemberEntity>;
    if (looksLikeRotatingCode(MEMBER_CODE, text)) {
      const id = verifyRotatingCode(MEMBER_CODE, this.config.members.codeSecret, text, this.clock.nowMs());
      if (id === null) return toPage([], 0, window);
      where = { id };
    } else {
      where = searchCondition(text);
    }
    const [members, total] = await this.members.findAndCount({
      where: { ...where, erasedAt: IsNull() },
      order: { id: 'ASC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(members.map(toCustomerSummary), total, window);
  }

  async toMember(member: MemberEntity): Promise<Member> {
    const [owner, standing] = await Promise.all([
      member.ownerStaffId
        ? this.staff.namesOf([member.ownerStaffId]).then((names) => names.get(member.ownerStaffId as number))
        : undefined,
      this.standingOf(member),
    ]);
    return {
      id: member.id,
      nickname: member.nickname,
      phoneMasked: maskPhone(member.phone),
      memberCode: member.memberCode,
      ...standing,
      ownerStaff: owner ? { id: owner.id, name: owner.name } : null,
      homeStoreId: member.homeStoreId,
    };
  }

  /** The member row as the member may read it in the PIPL export (unmasked phone). */
  async exportFor(memberId: number): Promise<MemberExport['member']> {
    const member = await this.getMember(memberId);
    const standing = await this.standingOf(member);
    return {
      id: member.id,
      nickname: member.nickname,
      phone: member.phone,
      memberCode: member.memberCode,
      ...standing,
      homeStoreId: member.homeStoreId,
      createdAt: member.createdAt.toISOString(),
    };
  }

  /**
   * The end of an erasure: the row stays, anonymous, for orders and ledgers. A new openid means
   * the same WeChat user logging in again becomes a new member.
   */
  async anonymise(manager: EntityManager, memberId: number): Promise<void> {
    await manager.update(MemberEntity, memberId, {
      openid: `erased:${memberId}`,
      unionid: null,
      sessionKey: null,
      nickname: null,
      phone: null,
      erasedAt: new Date(),
    });
  }
}
