import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CONSENT_KINDS, ErrorCode, type Consent, type ConsentKind } from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import type { ConsentDto } from './dto/consent.dto';
import { ConsentEntity } from './entities/consent.entity';

export function toConsent(consent: ConsentEntity): Consent {
  return {
    kind: consent.kind,
    granted: consent.granted,
    policyVersion: consent.policyVersion,
    recordedAt: consent.createdAt.toISOString(),
  };
}

/** Consents are a history: each decision is a new row and the newest one per kind is in force. */
@Injectable()
export class ConsentsService implements PersonalDataContributor, OnModuleInit {
  readonly section = 'consents';

  constructor(
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  /** The whole history, oldest first. */
  async exportFor(memberId: number): Promise<Consent[]> {
    return (await this.consents.find({ where: { memberId }, order: { id: 'ASC' } })).map(toConsent);
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ConsentEntity, { memberId });
  }

  async recordConsent(memberId: number, body: ConsentDto): Promise<Consent> {
    return toConsent(await this.consents.save(this.consents.create({ memberId, ...body })));
  }

  /** The decision in force for each kind the member has decided on. */
  async listCurrent(memberId: number): Promise<Consent[]> {
    const latest = await Promise.all(CONSENT_KINDS.map((kind) => this.latest(memberId, kind)));
    return latest.flatMap((consent) => (consent ? [toConsent(consent)] : []));
  }

  /** Whether the member's prescription-storage consent is in force. */
  async isGranted(memberId: number, manager: EntityManager = this.consents.manager): Promise<boolean> {
    return (await this.latest(memberId, 'prescription_storage', manager))?.granted ?? false;
  }

  /**
   * SQL for whether the prescription-storage consent of the member in `memberColumn` is in force
   * (1, or 0/NULL), to read it within another statement of this module.
   */
  prescriptionConsentSql(memberColumn: string): string {
    return (
      `(SELECT consent.granted FROM consents consent WHERE consent.member_id = ${memberColumn}` +
      " AND consent.kind = 'prescription_storage' ORDER BY consent.id DESC LIMIT 1)"
    );
  }

  /** Throws 409 CONSENT_REQUIRED unless the member's prescription-storage consent is in force. */
  async requirePrescriptionConsent(
    memberId: number,
    manager: EntityManager = this.consents.manager,
  ): Promise<void> {
    if (!(await this.isGranted(memberId, manager))) {
      throw new DomainError(
        ErrorCode.CONSENT_REQUIRED,
        'The member has not given (or has withdrawn) consent to store and read their prescriptions.',
      );
    }
  }

  private latest(
    memberId: number,
    kind: ConsentKind,
    manager: EntityManager = this.consents.manager,
  ): Promise<ConsentEntity | null> {
    return manager.findOne(ConsentEntity, { where: { memberId, kind }, order: { id: 'DESC' } });
  }
}
