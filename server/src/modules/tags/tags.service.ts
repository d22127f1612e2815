import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  type CustomerTag,
  type CustomerTagging,
  type PurchaseClass,
  type Quadrant,
  type TagRules,
} from '@lensloop/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { CustomerChannel, DomainEvents } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { CustomerTagsPort, type CustomerTagsReader } from '../members/customer-tags-port';
import { MembersService } from '../members/members.service';
import { ProfilesService } from '../members/profiles.service';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';
import { StoresService } from '../stores/stores.service';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { MemberTagEntity } from './entities/member-tag.entity';
import { OrderFactEntity } from './entities/order-fact.entity';
import { ProfileFactEntity } from './entities/profile-fact.entity';
import { TagSettingsEntity } from './entities/tag-settings.entity';
import {
  DEFAULT_TAG_RULES,
  deriveTags,
  isAutoTagName,
  lifeTagBits,
  sphericalEquivalent,
  type MemberFacts,
} from './tag-rules';

/** Members recomputed per statement group (the nightly run works in batches of this size). */
export const RECOMPUTE_BATCH = 1_000;

export function toCustomerTag(tag: MemberTagEntity): CustomerTag {
  return { id: tag.id, name: tag.name, auto: tag.auto, reason: tag.reason };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * The facts the tag rules read (kept from events) and the tags derived from them. Automatic
 * tags of a member are recomputed whenever their facts change and, for every member, by the
 * nightly `tags` job (tenure and exam expiry move with the clock); manual tags are staff's.
 */
@Injectable()
export class TagsService implements CustomerTagsReader, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly members: MembersService,
    private readonly profiles: ProfilesService,
    private readonly prescriptions: PrescriptionsService,
    private readonly stores: StoresService,
    private readonly tagsPort: CustomerTagsPort,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.tagsPort.register(this);
  }

  // ---- facts, from events -------------------------------------------------------------------

  /**
   * The member's facts row, made on first need, locked for the rest of the transaction; null for a
   * member who was erased meanwhile (a late event must not bring their facts back).
   */
  async lockFacts(
    manager: EntityManager,
    memberId: number,
    seed: Partial<Pick<MemberFactsEntity, 'homeStoreId' | 'ownerStaffId' | 'channel'>> = {},
  ): Promise<MemberFactsEntity | null> {
    if (!(await this.members.existingIds([memberId])).has(memberId)) return null;
    await manager
      .createQueryBuilder()
      .insert()
      .into(MemberFactsEntity)
      .values({
        memberId,
        registeredAt: this.clock.now(),
        channel: seed.channel ?? null,
        homeStoreId: seed.homeStoreId ?? null,
        region: seed.homeStoreId ? await this.cityOf(seed.homeStoreId) : null,
        ownerStaffId: seed.ownerStaffId ?? null,
      })
      .orIgnore()
      .execute();
    const lock = this.tx.supportsRowLocks ? { mode: 'pessimistic_write' as const } : undefined;
    return manager.findOneOrFail(MemberFactsEntity, { where: { memberId }, lock });
  }

  async cityOf(storeId: number): Promise<string | null> {
    try {
      return (await this.stores.getStore(storeId)).city;
    } catch {
      return null;
    }
  }

  async onRegistered(
    manager: EntityManager,
    event: { memberId: number; storeId: number | null; channel: CustomerChannel },
  ): Promise<void> {
    if (
      !(await this.lockFacts(manager, event.memberId, { homeStoreId: event.storeId, channel: event.channel }))
    ) {
      return;
    }
    await this.recompute(manager, [event.memberId]);
  }

  async onCustomerAdded(
    manager: EntityManager,
    event: {
      memberId: number;
      ownerStaffId: number | null;
      storeId: number | null;
      channel: CustomerChannel;
    },
  ): Promise<void> {
    if (!(await this.lockFacts(manager, event.memberId))) return;
    const patch: Partial<MemberFactsEntity> = { channel: event.channel };
    if (event.ownerStaffId !== null) patch.ownerStaffId = event.ownerStaffId;
    if (event.storeId !== null) {
      patch.homeStoreId = event.storeId;
      patch.region = await this.cityOf(event.storeId);
    }
    await manager.update(MemberFactsEntity, event.memberId, patch);
    await this.recompute(manager, [event.memberId]);
  }

  async onOwnerChanged(manager: EntityManager, memberId: number, ownerStaffId: number): Promise<void> {
    if (!(await this.lockFacts(manager, memberId))) return;
    await manager.update(MemberFactsEntity, memberId, { ownerStaffId });
  }

  /** A paid goods order, attributed to the member's owner at this moment. */
  async onOrderPaid(
    manager: EntityManager,
    order: { orderId: number; memberId: number; storeId: number; amount: number },
  ): Promise<void> {
    const facts = await this.lockFacts(manager, order.memberId);
    if (!facts) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrderFactEntity)
      .values({ ...order, ownerStaffId: facts.ownerStaffId, paidAt: this.clock.now(), refundedAt: null })
      .orIgnore()
      .execute();
    await this.refreshPurchases(manager, order.memberId);
  }

  async onOrderRefunded(manager: EntityManager, orderId: number, memberId: number): Promise<void> {
    if (!(await this.lockFacts(manager, memberId))) return;
    await manager
      .createQueryBuilder()
      .update(OrderFactEntity)
      .set({ refundedAt: this.clock.now() })
      .where('orderId = :orderId AND refundedAt IS NULL', { orderId })
      .execute();
    await this.refreshPurchases(manager, memberId);
  }

  /** Purchases, net spend, first and last purchase from the member's order facts. */
  private async refreshPurchases(manager: EntityManager, memberId: number): Promise<void> {
    const row = await manager
      .createQueryBuilder(OrderFactEntity, 'o')
      .select('COUNT(*)', 'purchases')
      .addSelect('COALESCE(SUM(o.amount), 0)', 'spend')
      .addSelect('MIN(o.paidAt)', 'first')
      .addSelect('MAX(o.paidAt)', 'last')
      .where('o.memberId = :memberId AND o.refundedAt IS NULL', { memberId })
      .getRawOne<{
        purchases: string | number;
        spend: string | number;
        first: Date | string | null;
        last: Date | string | null;
      }>();
    await manager.update(MemberFactsEntity, memberId, {
      purchases: Number(row?.purchases ?? 0),
      spend: Number(row?.spend ?? 0),
      firstPurchaseAt: row?.first ? new Date(row.first) : null,
      lastPurchaseAt: row?.last ? new Date(row.last) : null,
    });
    await this.recompute(manager, [memberId]);
  }

  /** Re-reads the member's prescriptions (through the prescriptions module) into profile facts. */
  async onPrescriptionRecorded(manager: EntityManager, memberId: number): Promise<void> {
    if (!(await this.lockFacts(manager, memberId))) return;
    const [exams, profiles] = await Promise.all([
      this.prescriptions.examsOf(manager, memberId),
      this.profiles.listProfiles(memberId),
    ]);
    const relationOf = new Map(profiles.map((profile) => [profile.id, profile.relation as string]));
    const byProfile = new Map<number, typeof exams>();
    for (const exam of exams) byProfile.set(exam.profileId, [...(byProfile.get(exam.profileId) ?? []), exam]);
    const rows: ProfileFactEntity[] = [];
    for (const [profileId, list] of byProfile) {
      // Latest by exam date; of one day, the one recorded last.
      const latest = list.reduce((best, exam) => (exam.examDate >= best.examDate ? exam : best));
      const adds = list
        .filter((exam) => exam.kind !== 'myopia_control')
        .flatMap((exam) => [exam.od.add, exam.os.add])
        .filter((add): add is number => typeof add === 'number' && add > 0);
      rows.push({
        profileId,
        memberId,
        relation: relationOf.get(profileId) ?? 'other',
        lastExamDate: latest.examDate,
        expiresAt: latest.expiresAt,
        maxAdd: adds.length ? Math.max(...adds) : null,
        contactLens: list.some((exam) => exam.kind === 'contact_lens'),
        minSe: Math.min(sphericalEquivalent(latest.od), sphericalEquivalent(latest.os)),
      });
    }
    await manager.delete(ProfileFactEntity, { memberId });
    if (rows.length) await manager.insert(ProfileFactEntity, rows);
    await this.recompute(manager, [memberId]);
  }

  // ---- derivation ---------------------------------------------------------------------------

  async rules(manager: EntityManager): Promise<TagRules> {
    const settings = await manager.findOneBy(TagSettingsEntity, { id: 1 });
    return { ...DEFAULT_TAG_RULES, ...(settings?.rules ?? {}) };
  }

  /**
   * Recomputes the automatic tags, class and quadrant of these members from their facts, a few
   * set-based statements per batch: one read of facts and profile facts, one UPDATE per
   * (class, quadrant) pair, one DELETE of the old automatic tags, one multi-row INSERT.
   */
  async recompute(manager: EntityManager, memberIds: readonly number[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    const rules = await this.rules(manager);
    const now = this.clock.now();
    let handled = 0;
    for (const ids of chunks(memberIds, RECOMPUTE_BATCH)) {
      const [facts, profiles] = await Promise.all([
        manager.findBy(MemberFactsEntity, { memberId: In(ids) }),
        manager.findBy(ProfileFactEntity, { memberId: In(ids) }),
      ]);
      const storeNames = await this.stores.namesOf(
        facts.flatMap((row) => (row.homeStoreId === null ? [] : [row.homeStoreId])),
      );
      const profilesOf = new Map<number, ProfileFactEntity[]>();
      for (const profile of profiles)
        profilesOf.set(profile.memberId, [...(profilesOf.get(profile.memberId) ?? []), profile]);
      const groups = new Map<string, number[]>();
      const tagRows: Partial<MemberTagEntity>[] = [];
      for (const row of facts) {
        const input: MemberFacts = {
          channel: row.channel,
          homeStoreName: row.homeStoreId === null ? null : (storeNames.get(row.homeStoreId) ?? null),
          region: row.region,
          purchases: row.purchases,
          spend: row.spend,
          firstPurchaseAt: row.firstPurchaseAt,
          lastPurchaseAt: row.lastPurchaseAt,
          profiles: profilesOf.get(row.memberId) ?? [],
        };
        const derived = deriveTags(input, rules, now);
        const bits = lifeTagBits(derived.tags.map((tag) => tag.name));
        const key = `${derived.purchaseClass}|${derived.quadrant ?? ''}|${bits}`;
        groups.set(key, [...(groups.get(key) ?? []), row.memberId]);
        for (const tag of derived.tags) {
          tagRows.push({
            memberId: row.memberId,
            name: tag.name.slice(0, 64),
            auto: true,
            reason: tag.reason.slice(0, 200),
            staffId: null,
          });
        }
      }
      for (const [key, members] of groups) {
        const [purchaseClass, quadrant, bits] = key.split('|');
        await manager.update(
          MemberFactsEntity,
          { memberId: In(members) },
          {
            purchaseClass: purchaseClass as PurchaseClass,
            quadrant: (quadrant || null) as Quadrant | null,
            lifeTags: Number(bits),
          },
        );
      }
      await manager.delete(MemberTagEntity, { memberId: In(ids), auto: true });
      // A manual tag of the same name stays (the unique key keeps one); the rule's copy is skipped.
      for (const part of chunks(tagRows, 2_000)) {
        await manager.createQueryBuilder().insert().into(MemberTagEntity).values(part).orIgnore().execute();
      }
      handled += facts.length;
    }
    return handled;
  }

  // ---- the staff card and manual tags -------------------------------------------------------

  async taggingOf(memberId: number): Promise<CustomerTagging> {
    const manager = this.dataSource.manager;
    const [facts, tags] = await Promise.all([
      manager.findOneBy(MemberFactsEntity, { memberId }),
      manager.find(MemberTagEntity, { where: { memberId }, order: { auto: 'DESC', id: 'ASC' } }),
    ]);
    return {
      tags: tags.map(toCustomerTag),
      purchaseClass: facts?.purchaseClass ?? 'A',
      quadrant: facts?.quadrant ?? null,
    };
  }

  /** A manual tag (idempotent by name: a tag the member already has is answered as it is). */
  async addManual(staffId: number, memberId: number, rawName: string): Promise<CustomerTag> {
    const name = rawName.trim();
    if (isAutoTagName(name)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${name} is an automatic tag: the rules set it.`, [
        { field: 'name', message: 'reserved for an automatic tag' },
      ]);
    }
    await this.members.getMember(memberId);
    return this.tx.run(async (manager) => {
      await this.putManual(manager, memberId, name, staffId, 'staff');
      return toCustomerTag(await manager.findOneByOrFail(MemberTagEntity, { memberId, name }));
    });
  }

  async removeManual(memberId: number, tagId: number): Promise<void> {
    await this.members.getMember(memberId);
    const tag = await this.dataSource.manager.findOneBy(MemberTagEntity, { id: tagId, memberId });
    if (!tag) throw new DomainError(ErrorCode.TAG_NOT_FOUND, `The customer has no tag ${tagId}.`);
    if (tag.auto) {
      throw new DomainError(ErrorCode.TAG_NOT_MANUAL, `Tag ${tag.name} is automatic: it follows the rules.`);
    }
    await this.tx.run((manager) => this.takeOffManual(manager, memberId, tag.name, 'staff'));
  }

  /** Tags a staff member put on or took off the member's contact in WeCom (automatic names left alone). */
  async applyWecomEdit(manager: EntityManager, edit: DomainEvents['WecomContactTagsEdited']): Promise<void> {
    for (const name of edit.added) {
      if (!isAutoTagName(name)) await this.putManual(manager, edit.memberId, name, null, 'wecom');
    }
    for (const name of edit.removed) await this.takeOffManual(manager, edit.memberId, name, 'wecom');
  }

  private async putManual(
    manager: EntityManager,
    memberId: number,
    name: string,
    staffId: number | null,
    source: 'staff' | 'wecom',
  ): Promise<void> {
    try {
      await manager.insert(MemberTagEntity, { memberId, name, auto: false, reason: null, staffId });
    } catch (error) {
      // The member has the tag already (manual, or an automatic one of that name).
      if (isDuplicateKey(error)) return;
      throw error;
    }
    await this.events.publish(manager, 'ManualTagChanged', String(memberId), {
      memberId,
      name,
      change: 'added',
      source,
    });
  }

  private async takeOffManual(
    manager: EntityManager,
    memberId: number,
    name: string,
    source: 'staff' | 'wecom',
  ): Promise<void> {
    const { affected } = await manager.delete(MemberTagEntity, { memberId, name, auto: false });
    if (!affected) return;
    await this.events.publish(manager, 'ManualTagChanged', String(memberId), {
      memberId,
      name,
      change: 'removed',
      source,
    });
  }

  /** Tag rules: saving them makes the next `tags` run recompute every member. */
  async saveRules(rules: TagRules): Promise<TagRules> {
    await this.tx.run(async (manager) => {
      await manager.upsert(TagSettingsEntity, { id: 1, rules, lastNightlyRun: null }, ['id']);
    });
    return rules;
  }

  getRules(): Promise<TagRules> {
    return this.rules(this.dataSource.manager);
  }

  /**
   * The nightly run: claims the business day (one replica runs it), adds facts for members it
   * never heard of, then recomputes every member in batches, one transaction each.
   */
  async nightly(): Promise<number> {
    const today = this.clock.today();
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(TagSettingsEntity)
      .values({ id: 1, rules: DEFAULT_TAG_RULES, lastNightlyRun: null })
      .orIgnore()
      .execute();
    const claimed = await this.dataSource.manager
      .createQueryBuilder()
      .update(TagSettingsEntity)
      .set({ lastNightlyRun: today })
      .where('id = 1 AND (lastNightlyRun IS NULL OR lastNightlyRun <> :today)', { today })
      .execute();
    if (claimed.affected !== 1) return 0;
    let handled = 0;
    let after = 0;
    for (;;) {
      const members = await this.members.pageAfter(after, RECOMPUTE_BATCH);
      if (members.length === 0) break;
      after = members[members.length - 1].id;
      const cities = new Map<number, string | null>();
      for (const storeId of new Set(members.map((member) => member.homeStoreId))) {
        if (storeId !== null) cities.set(storeId, await this.cityOf(storeId));
      }
      await this.tx.run(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(MemberFactsEntity)
          .values(
            members.map((member) => ({
              memberId: member.id,
              registeredAt: member.createdAt,
              channel: null,
              homeStoreId: member.homeStoreId,
              region: member.homeStoreId === null ? null : (cities.get(member.homeStoreId) ?? null),
              ownerStaffId: member.ownerStaffId,
            })),
          )
          .orIgnore()
          .execute();
        handled += await this.recompute(
          manager,
          members.map((member) => member.id),
        );
      });
    }
    return handled;
  }
}
