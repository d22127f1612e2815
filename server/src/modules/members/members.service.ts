import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type Member } from '@lensloop/shared';
import { randomInt } from 'node:crypto';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import type { WechatSession } from '../../infra/wechat/wechat-client';
import { StaffEntity } from '../staff/entities/staff.entity';
import { MemberEntity } from './entities/member.entity';
import { ProfileEntity } from './entities/profile.entity';
import { maskPhone } from './policies/phone-mask';

function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string };
  return driverError.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(driverError.message ?? '');
}

function newMemberCode(): string {
  return Array.from({ length: 12 }, () => randomInt(10)).join('');
}

@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @InjectRepository(StaffEntity) private readonly staff: Repository<StaffEntity>,
  ) {}

  /** Finds the member of this WeChat user, creating them on first login. */
  async loginWithWechat(
    session: WechatSession,
    homeStoreId: number | null,
  ): Promise<{ member: MemberEntity; isNew: boolean }> {
    const existing = await this.members.findOneBy({ openid: session.openid });
    if (existing) {
      await this.members.update(existing.id, { sessionKey: session.sessionKey, unionid: session.unionid });
      return { member: existing, isNew: false };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        // Every member has their own ("self") family profile from the start.
        const member = await this.members.manager.transaction(async (manager) => {
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

  async getMember(memberId: number): Promise<MemberEntity> {
    const member = await this.members.findOneBy({ id: memberId, erasedAt: IsNull() });
    if (!member) throw new DomainError(ErrorCode.MEMBER_NOT_FOUND, 'No such member.');
    return member;
  }

  async toMember(member: MemberEntity): Promise<Member> {
    const owner = member.ownerStaffId ? await this.staff.findOneBy({ id: member.ownerStaffId }) : null;
    return {
      id: member.id,
      nickname: member.nickname,
      phoneMasked: maskPhone(member.phone),
      memberCode: member.memberCode,
      tier: member.tier,
      points: member.points,
      balance: member.balance,
      ownerStaff: owner ? { id: owner.id, name: owner.name } : null,
      homeStoreId: member.homeStoreId,
    };
  }
}
