import { Injectable } from '@nestjs/common';
import { type CustomerCard, type CustomerSummary, type Page } from '@lensloop/shared';
import { CustomerTagsPort } from '../members/customer-tags-port';
import { MembersService, toCustomerSummary } from '../members/members.service';
import { ProfilesService, toFamilyProfile } from '../members/profiles.service';
import { ReferralsService } from '../referrals/referrals.service';
import { ConsentsService } from './consents.service';
import type { CustomerSearchQueryDto } from './dto/prescription-queries.dto';
import { PrescriptionsService } from './prescriptions.service';

/** The staff desk: find a customer and see their card. Prescription values are read separately. */
@Injectable()
export class StaffDeskService {
  constructor(
    private readonly memberService: MembersService,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly prescriptions: PrescriptionsService,
    private readonly referrals: ReferralsService,
    private readonly tagging: CustomerTagsPort,
  ) {}

  async searchCustomers(query: CustomerSearchQueryDto): Promise<Page<CustomerSummary>> {
    return this.memberService.searchCustomers(query.q.trim(), query);
  }

  async getCustomerCard(memberId: number): Promise<CustomerCard> {
    const member = await this.memberService.getMember(memberId);
    const [summary, profiles, consent, referrals, tagging] = await Promise.all([
      this.memberService.toMember(member),
      this.profiles.listProfiles(memberId),
      this.consents.isGranted(memberId),
      this.referrals.customerReferrals(memberId),
      this.tagging.taggingOf(memberId),
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
      referredBy: referrals.referredBy,
      referred: referrals.referred,
      ...tagging,
    };
  }
}
