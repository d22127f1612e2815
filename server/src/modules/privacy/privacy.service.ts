import { Injectable } from '@nestjs/common';
import type { MemberExport } from '@lensloop/shared';
import { PersonalDataRegistry } from '../../common/personal-data';
import { TransactionRunner } from '../../common/transaction';
import { MembersService } from '../members/members.service';

/**
 * PIPL rights: a copy of everything stored about the member, and erasure of their personal data,
 * over every module registered in `PersonalDataRegistry` (each says what it keeps and why).
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly members: MembersService,
    private readonly personalData: PersonalDataRegistry,
    private readonly tx: TransactionRunner,
  ) {}

  async exportMember(memberId: number): Promise<MemberExport> {
    const member = await this.members.exportFor(memberId);
    const sections = await Promise.all(
      this.personalData
        .all()
        .map(async (contributor) => [contributor.section, await contributor.exportFor(memberId)] as const),
    );
    // The contributors' sections are the keys of MemberExportSections (an e2e test holds them equal).
    return { exportedAt: new Date().toISOString(), member, ...Object.fromEntries(sections) } as MemberExport;
  }

  /** Every module's eraser in one transaction, the member row anonymised last. */
  async eraseMember(memberId: number): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.members.getMember(memberId, manager);
      for (const contributor of this.personalData.all()) await contributor.eraseFor(manager, memberId);
      await this.members.anonymise(manager, memberId);
    });
  }
}
