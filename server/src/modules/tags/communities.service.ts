import { Injectable } from '@nestjs/common';
import { ErrorCode, KOC_TAG, type Community, type CommunityInput, type MyCommunity } from '@lensloop/shared';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { StoresService } from '../stores/stores.service';
import { CommunityMemberEntity } from './entities/community-member.entity';
import { CommunityEntity } from './entities/community.entity';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { MemberTagEntity } from './entities/member-tag.entity';

/**
 * Store, interest and KOC group chats: a member sees the ones fitting them (their home store's,
 * the interest groups of their tags, the KOC group when staff tagged them KOC); who is in a group
 * is recorded from WeCom's reports (`GroupChatMembershipChanged`).
 */
@Injectable()
export class CommunitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stores: StoresService,
    private readonly clock: BusinessClock,
  ) {}

  private async check(input: CommunityInput): Promise<void> {
    if (input.kind === 'store') {
      if (!input.storeId || !(await this.stores.exists(input.storeId))) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A store group needs an existing store.', [
          { field: 'storeId', message: 'no such store' },
        ]);
      }
    }
    if (input.kind === 'interest' && !input.tag) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'An interest group names the tag it is for.', [
        { field: 'tag', message: 'required for an interest group' },
      ]);
    }
  }

  private async toCommunities(rows: CommunityEntity[]): Promise<Community[]> {
    const counts: { communityId: number | string; count: number | string }[] = rows.length
      ? await this.dataSource.manager
          .createQueryBuilder(CommunityMemberEntity, 'm')
          .select('m.communityId', 'communityId')
          .addSelect('COUNT(*)', 'count')
          .where('m.leftAt IS NULL')
          .groupBy('m.communityId')
          .getRawMany()
      : [];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      storeId: row.storeId,
      tag: row.tag,
      qrImageUrl: row.qrImageUrl,
      welcomeText: row.welcomeText,
      chatId: row.chatId,
      members: Number(counts.find((count) => Number(count.communityId) === row.id)?.count ?? 0),
    }));
  }

  async create(input: CommunityInput): Promise<Community> {
    await this.check(input);
    const repository = this.dataSource.getRepository(CommunityEntity);
    const saved = await repository.save(
      repository.create({
        kind: input.kind,
        name: input.name,
        storeId: input.kind === 'store' ? (input.storeId ?? null) : null,
        tag: input.kind === 'koc' ? KOC_TAG : (input.tag ?? null),
        qrImageUrl: input.qrImageUrl,
        welcomeText: input.welcomeText,
        chatId: input.chatId ?? null,
      }),
    );
    return (await this.toCommunities([saved]))[0];
  }

  async update(id: number, input: CommunityInput): Promise<Community> {
    const repository = this.dataSource.getRepository(CommunityEntity);
    if (!(await repository.existsBy({ id }))) {
      throw new DomainError(ErrorCode.COMMUNITY_NOT_FOUND, `Group ${id} does not exist.`);
    }
    await this.check(input);
    await repository.update(id, {
      kind: input.kind,
      name: input.name,
      storeId: input.kind === 'store' ? (input.storeId ?? null) : null,
      tag: input.kind === 'koc' ? KOC_TAG : (input.tag ?? null),
      qrImageUrl: input.qrImageUrl,
      welcomeText: input.welcomeText,
      chatId: input.chatId ?? null,
    });
    return (await this.toCommunities([await repository.findOneByOrFail({ id })]))[0];
  }

  async list(): Promise<Community[]> {
    return this.toCommunities(
      await this.dataSource.getRepository(CommunityEntity).find({ order: { id: 'ASC' } }),
    );
  }

  /** The groups fitting the member, store group first. */
  async forMember(memberId: number): Promise<MyCommunity[]> {
    const manager = this.dataSource.manager;
    const [facts, tags, groups, memberships] = await Promise.all([
      manager.findOneBy(MemberFactsEntity, { memberId }),
      manager.findBy(MemberTagEntity, { memberId }),
      manager.find(CommunityEntity, { order: { id: 'ASC' } }),
      manager.findBy(CommunityMemberEntity, { memberId, leftAt: IsNull() }),
    ]);
    const names = new Set(tags.map((tag) => tag.name));
    const koc = tags.some((tag) => tag.name === KOC_TAG && !tag.auto);
    const joined = new Set(memberships.map((membership) => membership.communityId));
    const order = { store: 0, interest: 1, koc: 2 } as const;
    return groups
      .filter((group) => {
        if (group.kind === 'store')
          return !!facts && facts.homeStoreId !== null && group.storeId === facts.homeStoreId;
        if (group.kind === 'koc') return koc;
        return group.tag !== null && names.has(group.tag);
      })
      .sort((a, b) => order[a.kind] - order[b.kind] || a.id - b.id)
      .map((group) => ({
        id: group.id,
        kind: group.kind,
        name: group.name,
        qrImageUrl: group.qrImageUrl,
        welcomeText: group.welcomeText,
        joined: joined.has(group.id),
      }));
  }

  /** WeCom reported a join or leave; a chat that is none of ours is ignored. */
  async onMembership(
    manager: EntityManager,
    event: { chatId: string; memberId: number; change: 'join' | 'leave' },
  ): Promise<void> {
    const group = await manager.findOneBy(CommunityEntity, { chatId: event.chatId });
    if (!group) return;
    const now = this.clock.now();
    if (event.change === 'join') {
      await manager.upsert(
        CommunityMemberEntity,
        { communityId: group.id, memberId: event.memberId, joinedAt: now, leftAt: null },
        ['communityId', 'memberId'],
      );
    } else {
      await manager.update(
        CommunityMemberEntity,
        { communityId: group.id, memberId: event.memberId, leftAt: IsNull() },
        { leftAt: now },
      );
    }
  }
}
