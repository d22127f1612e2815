import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  KOC_TAG,
  type MyCustomer,
  type MyCustomersQuery,
  type Page,
  type Segment,
  type SegmentFilter,
  type SegmentInput,
} from '@lensloop/shared';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { MembersService } from '../members/members.service';
import { SegmentPort, type SegmentMatcher } from '../members/segment-port';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { MemberTagEntity } from './entities/member-tag.entity';
import { SegmentEntity } from './entities/segment.entity';
import { compileFilter, FilterError } from './segment-filter';
import { isAutoTagName } from './tag-rules';

/** The 1-to-1 service segment (`segmentId = null`): value×tenure core or purchase class D. */
const SERVICE_SEGMENT = "(f.quadrant = 'core' OR f.purchase_class = 'D')";

function toSegment(row: SegmentEntity): Segment {
  return { id: row.id, name: row.name, filter: row.filter, createdAt: row.createdAt.toISOString() };
}

/**
 * Saved segments: a filter over tags and member facts compiled to one SQL condition on
 * `tag_member_facts` (tags through `EXISTS` on `member_tags`). Registered with `SegmentPort`,
 * so reminders and coupon pushes target segments without importing this module.
 */
@Injectable()
export class SegmentsService implements SegmentMatcher, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly port: SegmentPort,
    private readonly members: MembersService,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  /** Compiles and checks a filter: unknown fields, operators or tags → 400 with the node's path. */
  async compile(filter: unknown): Promise<{ sql: string; params: unknown[] }> {
    let compiled;
    try {
      compiled = compileFilter(filter);
    } catch (error) {
      if (error instanceof FilterError) {
        throw new DomainError(
          ErrorCode.SEGMENT_FILTER_INVALID,
          'The segment filter is not valid.',
          error.details,
        );
      }
      throw error;
    }
    const candidates = compiled.tags.filter((tag) => tag.name !== KOC_TAG && !isAutoTagName(tag.name));
    if (candidates.length) {
      const known = await this.dataSource.manager
        .createQueryBuilder(MemberTagEntity, 't')
        .select('DISTINCT t.name', 'name')
        .where({ name: In([...new Set(candidates.map((tag) => tag.name))]) })
        .getRawMany<{ name: string }>();
      const names = new Set(known.map((row) => row.name));
      const unknown = candidates.filter((tag) => !names.has(tag.name));
      if (unknown.length) {
        throw new DomainError(
          ErrorCode.SEGMENT_FILTER_INVALID,
          'The segment filter names a tag nobody has.',
          unknown.map((tag) => ({ field: tag.path, message: `unknown tag ${tag.name}` })),
        );
      }
    }
    return compiled;
  }

  async create(input: SegmentInput): Promise<Segment> {
    await this.compile(input.filter);
    const repository = this.dataSource.getRepository(SegmentEntity);
    const saved = await repository.save(repository.create({ name: input.name.trim(), filter: input.filter }));
    return toSegment(saved);
  }

  async list(): Promise<Segment[]> {
    const rows = await this.dataSource.getRepository(SegmentEntity).find({ order: { id: 'DESC' } });
    return rows.map(toSegment);
  }

  private async conditionOf(segmentId: number | null): Promise<{ sql: string; params: unknown[] }> {
    if (segmentId === null) return { sql: SERVICE_SEGMENT, params: [] };
    const segment = await this.dataSource.getRepository(SegmentEntity).findOneBy({ id: segmentId });
    if (!segment) throw new DomainError(ErrorCode.SEGMENT_NOT_FOUND, `Segment ${segmentId} does not exist.`);
    // Checked when saved; compiled again so a rule change in the DSL applies to old segments.
    return compileFilter(segment.filter as SegmentFilter);
  }

  /** `GET /admin/segments/:id/count`: one `SELECT COUNT(*)`. */
  async count(segmentId: number): Promise<number> {
    const { sql, params } = await this.conditionOf(segmentId);
    const [row] = await this.dataSource.query(
      `SELECT COUNT(*) AS count FROM tag_member_facts f WHERE ${sql}`,
      params,
    );
    return Number(row.count);
  }

  async matching(segmentId: number | null, memberIds: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    if (memberIds.length === 0) return found;
    const { sql, params } = await this.conditionOf(segmentId);
    for (let start = 0; start < memberIds.length; start += 1_000) {
      const ids = memberIds.slice(start, start + 1_000);
      const rows: { id: number | string }[] = await this.dataSource.query(
        `SELECT f.member_id AS id FROM tag_member_facts f WHERE f.member_id IN (${ids.map(() => '?').join(', ')}) AND ${sql}`,
        [...ids, ...params],
      );
      for (const row of rows) found.add(Number(row.id));
    }
    return found;
  }

  async membersAfter(segmentId: number, afterMemberId: number, limit: number): Promise<number[]> {
    const { sql, params } = await this.conditionOf(segmentId);
    const rows: { id: number | string }[] = await this.dataSource.query(
      `SELECT f.member_id AS id FROM tag_member_facts f WHERE f.member_id > ? AND ${sql} ORDER BY f.member_id LIMIT ${Number(limit)}`,
      [afterMemberId, ...params],
    );
    return rows.map((row) => Number(row.id));
  }

  /** `GET /staff/me/customers`: the staff member's own customers, by tag and/or segment. */
  async myCustomers(staffId: number, query: MyCustomersQuery): Promise<Page<MyCustomer>> {
    const window = pageWindow(query);
    const conditions = ['f.owner_staff_id = ?'];
    const params: unknown[] = [staffId];
    if (query.tag) {
      conditions.push('EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = ?)');
      params.push(query.tag);
    }
    if (query.segmentId !== undefined) {
      const segment = await this.conditionOf(query.segmentId);
      conditions.push(segment.sql);
      params.push(...segment.params);
    }
    const where = conditions.join(' AND ');
    const [[total], rows] = await Promise.all([
      this.dataSource.query(`SELECT COUNT(*) AS count FROM tag_member_facts f WHERE ${where}`, params),
      this.dataSource.query(
        `SELECT f.member_id AS id FROM tag_member_facts f WHERE ${where} ORDER BY f.member_id LIMIT ${window.pageSize} OFFSET ${window.skip}`,
        params,
      ) as Promise<{ id: number | string }[]>,
    ]);
    const ids = rows.map((row) => Number(row.id));
    const [facts, tags, nicknames] = await Promise.all([
      ids.length ? this.dataSource.manager.findBy(MemberFactsEntity, { memberId: In(ids) }) : [],
      ids.length
        ? this.dataSource.manager.find(MemberTagEntity, {
            where: { memberId: In(ids) },
            order: { auto: 'DESC', id: 'ASC' },
          })
        : [],
      this.members.nicknamesOf(ids),
    ]);
    const factsOf = new Map(facts.map((row) => [row.memberId, row]));
    const items = ids.map((id) => ({
      id,
      nickname: nicknames.get(id) ?? null,
      purchaseClass: factsOf.get(id)?.purchaseClass ?? ('A' as const),
      quadrant: factsOf.get(id)?.quadrant ?? null,
      tags: tags.filter((tag) => tag.memberId === id).map((tag) => tag.name),
    }));
    return toPage(items, Number(total.count), window);
  }
}
