import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type CustomerCard, type CustomerSummary, type Page } from '@lensloop/shared';
import { IsNull, Like, Repository, type FindOptionsWhere } from 'typeorm';
import { pageWindow, toPage } from '../../common/pagination';
import { MemberEntity } from '../members/entities/member.entity';
import { MembersService } from '../members/members.service';
import { maskPhone } from '../members/policies/phone-mask';
import { ProfilesService, toFamilyProfile } from '../members/profiles.service';
import { ConsentsService } from './consents.service';
import type { CustomerSearchQueryDto } from './dto/prescription-queries.dto';
import { PrescriptionsService } from './prescriptions.service';

function toCustomerSummary(member: MemberEntity): CustomerSummary {
  return {
    id: member.id,
    nickname: member.nickname,
    phoneMasked: maskPhone(member.phone),
    memberCode: member.memberCode,
  };
}

/** How the desk's search box reads what was typed: a phone, a member code, else a name prefix. */
function searchCondition(text: string): FindOptionsWhere<MemberEntity> {
  if (/^1\d{10}$/.test(text)) return { phone: text };
  if (/^\d{12}$/.test(text)) return { memberCode: text };
  return { nickname: Like(`${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`) };
}

/** The staff desk: find a customer and see their card. Prescription values are read separately. */
@Injectable()
export class StaffDeskService {
  constructor(
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    private readonly memberService: MembersService,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly prescriptions: PrescriptionsService,
  ) {}

  async searchCustomers(query: CustomerSearchQueryDto): Promise<Page<CustomerSummary>> {
    const window = pageWindow(query);
    const [members, total] = await this.members.findAndCount({
      where: { ...searchCondition(query.q.trim()), erasedAt: IsNull() },
      order: { id: 'ASC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(members.map(toCustomerSummary), total, window);
  }

  async getCustomerCard(memberId: number): Promise<CustomerCard> {
    const member = await this.memberService.getMember(memberId);
    const [summary, profiles, consent] = await Promise.all([
      this.memberService.toMember(member),
      this.profiles.listProfiles(memberId),
      this.consents.isGranted(memberId),
    ]);
    // Without consent staff see no trace of the prescriptions, not even their dates.
    const headers = consent ? await this.prescriptions.latestHeaders(memberId) : new Map();
    return {
      ...toCustomerSummary(member),
      tier: summary.tier,
      ownerStaff: summary.ownerStaff,
      prescriptionConsent: consent,
      profiles: profiles.map((profile) => ({
        ...toFamilyProfile(profile),
        lastPrescription: headers.get(profile.id) ?? null,
      })),
    };
  }
}
