import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { JobCursorEntity } from '../../infra/jobs/job-cursor.entity';
import { PrescriptionEntity } from './entities/prescription.entity';
import { resealPrescriptionValues } from './prescription-values';

export interface RekeyBatch {
  /** Rows sealed again under the active key in this batch. */
  resealed: number;
  /** The cursor after the batch: every row up to this id is under the active key. */
  position: number;
  /** Whether the batch was full (more rows may follow). */
  more: boolean;
}

/**
 * Re-encrypts prescriptions sealed under an older key with the active one (`PRESCRIPTION_KEY_ID`),
 * in id order, `PRESCRIPTION_REKEY_BATCH_SIZE` rows per transaction and at most
 * `PRESCRIPTION_REKEY_BATCHES_PER_RUN` transactions per run.
 *
 * - Online: a batch locks only its own rows for the few milliseconds it takes; reads are plain
 *   InnoDB consistent reads, which see the old or the new ciphertext (both open) and never wait.
 * - Resumable: the last id done is kept in `job_cursors` (`prescription-rekey:<active key>`) in the
 *   batch's own transaction, so a killed process loses at most the batch it was in (rolled back)
 *   and the next run, in any replica, continues after the cursor. Replicas never work at once:
 *   a batch claims the cursor row `FOR UPDATE SKIP LOCKED` and skips the run when another holds it.
 * - Audit-neutral: the same plaintext is sealed again (no read or change of health data by a
 *   person), so no audit row is written and no other column changes.
 * Rows written after the rotation are already under the active key and are only stepped over.
 */
@Injectable()
export class PrescriptionRekeyJob extends IntervalJob {
  readonly name = 'prescription-rekey';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SealedBox) private readonly sealedBox: SealedBox,
    private readonly tx: TransactionRunner,
  ) {
    super(config.jobs);
  }

  private get cursorName(): string {
    return `prescription-rekey:${this.sealedBox.activeKeyId}`;
  }

  async runOnce(): Promise<number> {
    let resealed = 0;
    for (let batch = 0; batch < this.config.prescriptionRekey.batchesPerRun; batch++) {
      const result = await this.runBatch();
      if (!result) break;
      resealed += result.resealed;
      if (!result.more) break;
    }
    return resealed;
  }

  /** Where the rotation to the active key has got (0 before its first batch). */
  async position(): Promise<number> {
    const cursor = await this.tx.run((manager) =>
      manager.findOne(JobCursorEntity, { where: { name: this.cursorName } }),
    );
    return cursor?.position ?? 0;
  }

  /** How many prescriptions are still sealed under another key than the active one. */
  async remaining(): Promise<number> {
    return this.tx.run((manager) =>
      manager
        .createQueryBuilder(PrescriptionEntity, 'prescription')
        .where('prescription.sealedValues NOT LIKE :prefix', { prefix: `${this.sealedBox.activeKeyId}:%` })
        .getCount(),
    );
  }

  /** One batch in one transaction; null when another replica holds the cursor. */
  runBatch(): Promise<RekeyBatch | null> {
    return this.tx.run(async (manager) => {
      const cursor = await this.claimCursor(manager);
      if (!cursor) return null;
      const rows = await manager.find(PrescriptionEntity, {
        select: { id: true, memberId: true, profileId: true, sealedValues: true },
        where: { id: MoreThan(cursor.position) },
        order: { id: 'ASC' },
        take: this.config.prescriptionRekey.batchSize,
        ...(this.tx.supportsRowLocks ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      let resealed = 0;
      for (const row of rows) {
        if (this.sealedBox.keyIdOf(row.sealedValues) === this.sealedBox.activeKeyId) continue;
        const sealedValues = resealPrescriptionValues(this.sealedBox, row);
        // Conditional on the old ciphertext; nothing else of the row changes.
        const result = await manager
          .createQueryBuilder()
          .update(PrescriptionEntity)
          .set({ sealedValues })
          .where('id = :id AND sealed_values = :old', { id: row.id, old: row.sealedValues })
          .execute();
        resealed += result.affected ?? 0;
      }
      const position = rows.length ? rows[rows.length - 1].id : cursor.position;
      if (position !== cursor.position) {
        await manager.update(JobCursorEntity, { name: cursor.name }, { position });
      }
      if (resealed) this.logger.log(`re-encrypted ${resealed} prescriptions up to id ${position}`);
      return { resealed, position, more: rows.length === this.config.prescriptionRekey.batchSize };
    });
  }

  private async claimCursor(manager: EntityManager): Promise<JobCursorEntity | null> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(JobCursorEntity)
      .values({ name: this.cursorName, position: 0 })
      .orIgnore()
      .execute();
    const query = manager
      .createQueryBuilder(JobCursorEntity, 'cursor')
      .where('cursor.name = :name', { name: this.cursorName });
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getOne();
  }
}
