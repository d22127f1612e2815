import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TagsExport } from '@lensloop/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { CommunityMemberEntity } from './entities/community-member.entity';
import { CommunityEntity } from './entities/community.entity';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { MemberTagEntity } from './entities/member-tag.entity';
import { ProfileFactEntity } from './entities/profile-fact.entity';

/**
 * The member's tags and group memberships in the PIPL export; erasure deletes them with the facts
 * (order and KPI facts stay, ids and amounts only, as the orders they count do).
 */
@Injectable()
export class TagsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'tags';

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<TagsExport> {
    const manager = this.dataSource.manager;
    const [tags, memberships, groups] = await Promise.all([
      manager.find(MemberTagEntity, { where: { memberId }, order: { id: 'ASC' } }),
      manager.findBy(CommunityMemberEntity, { memberId }),
      manager.find(CommunityEntity),
    ]);
    return {
      tags: tags.map(({ name, auto, reason }) => ({ name, auto, reason })),
      communities: memberships.map((membership) => ({
        name: groups.find((group) => group.id === membership.communityId)?.name ?? '',
        joinedAt: membership.joinedAt.toISOString(),
        leftAt: membership.leftAt ? membership.leftAt.toISOString() : null,
      })),
    };
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(MemberTagEntity, { memberId });
    await manager.delete(ProfileFactEntity, { memberId });
    await manager.delete(CommunityMemberEntity, { memberId });
    await manager.delete(MemberFactsEntity, { memberId });
  }
}
