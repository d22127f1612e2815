import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type IssueJobProgress } from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { MembersService } from '../members/members.service';
import { SegmentPort } from '../members/segment-port';
import { CouponsService } from './coupons.service';
import { CouponIssueJobEntity } from './entities/coupon-issue-job.entity';

const BATCH = 1_000;

function toProgress(job: CouponIssueJobEntity): IssueJobProgress {
  const { id, templateId, status, done, issued } = job;
  return { id, templateId, status, done, total: job.total ?? job.memberIds.length, issued };
}

/**
 * Pushes a template to a member list in batches of 1,000, one transaction each (a few set-based
 * statements per batch, `CouponsService.issueToMany`). A batch claims its job with
 * `FOR UPDATE SKIP LOCKED`, so replicas work on different jobs and a replica that dies
 * mid-batch leaves it to the next run; members at their limit are skipped, a sold-out template
 * ends the job.
 */
@Injectable()
export class CouponIssueJob extends IntervalJob {
  readonly name = 'coupon-issue';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(CouponIssueJobEntity) private readonly jobs: Repository<CouponIssueJobEntity>,
    private readonly coupons: CouponsService,
    private readonly members: MembersService,
    private readonly tx: TransactionRunner,
    private readonly segments: SegmentPort,
  ) {
    super(config.jobs);
  }

  /**
   * `POST /admin/coupon-templates/:id/issue`; push and reward templates only. With a segment the
   * members are read batch by batch from it (by id), so a push reaches any number of them.
   */
  async start(
    templateId: number,
    memberIds: readonly number[],
    segmentId: number | null = null,
  ): Promise<{ jobId: number }> {
    const template = await this.coupons.getTemplate(templateId);
    if (template.channel !== 'push' && template.channel !== 'reward') {
      throw new DomainError(
        ErrorCode.COUPON_NOT_CLAIMABLE,
        `Template ${templateId} is a ${template.channel} template; only push and reward templates are issued by admins.`,
      );
    }
    if (segmentId !== null) {
      const total = await this.segments.count(segmentId);
      const job = await this.jobs.save(
        this.jobs.create({
          templateId,
          status: 'pending',
          memberIds: [],
          segmentId,
          total,
          done: 0,
          issued: 0,
        }),
      );
      return { jobId: job.id };
    }
    const unique = [...new Set(memberIds)];
    const existing = await this.members.existingIds(unique);
    const unknown = unique.filter((memberId) => !existing.has(memberId));
    if (unknown.length) {
      throw new DomainError(
        ErrorCode.MEMBER_NOT_FOUND,
        `${unknown.length} of the members do not exist.`,
        unknown.slice(0, 20).map((memberId) => ({ field: 'memberIds', message: `no member ${memberId}` })),
      );
    }
    const job = await this.jobs.save(
      this.jobs.create({ templateId, status: 'pending', memberIds: unique, done: 0, issued: 0 }),
    );
    return { jobId: job.id };
  }

  async progress(jobId: number): Promise<IssueJobProgress> {
    const job = await this.jobs.findOneBy({ id: jobId });
    if (!job) throw new DomainError(ErrorCode.JOB_NOT_FOUND, `Job ${jobId} does not exist.`);
    return toProgress(job);
  }

  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.issueBatch();
      if (batch === null) return handled;
      handled += batch;
    }
  }

  /** Members handled in one batch of the oldest unfinished job, or null when there is none. */
  private issueBatch(): Promise<number | null> {
    return this.tx.run(async (manager) => {
      const query = manager
        .createQueryBuilder(CouponIssueJobEntity, 'job')
        .where({ status: In(['pending', 'running']) })
        .orderBy('job.id')
        .limit(1);
      if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const job = await query.getOne();
      if (!job) return null;
      const template = await this.coupons.getTemplate(job.templateId, manager);
      if (job.segmentId !== null) return this.issueSegmentBatch(manager, job, template);
      const members = job.memberIds.slice(job.done, job.done + BATCH);
      const { issued, soldOut } = await this.coupons.issueToMany(manager, template, members);
      const done = soldOut ? job.memberIds.length : job.done + members.length;
      await manager.update(CouponIssueJobEntity, job.id, {
        done,
        issued: job.issued + issued,
        status: done >= job.memberIds.length ? 'done' : 'running',
      });
      return members.length;
    });
  }

  /** The next batch of a segment push: the segment's members after the job's cursor. */
  private async issueSegmentBatch(
    manager: EntityManager,
    job: CouponIssueJobEntity,
    template: Awaited<ReturnType<CouponsService['getTemplate']>>,
  ): Promise<number> {
    const members = await this.segments.membersAfter(job.segmentId as number, job.cursor, BATCH);
    const { issued, soldOut } = await this.coupons.issueToMany(manager, template, members);
    const done = job.done + members.length;
    const finished = soldOut || members.length < BATCH;
    await manager.update(CouponIssueJobEntity, job.id, {
      done,
      issued: job.issued + issued,
      cursor: members.length ? members[members.length - 1] : job.cursor,
      total: Math.max(job.total ?? 0, done),
      status: finished ? 'done' : 'running',
    });
    return members.length;
  }
}
