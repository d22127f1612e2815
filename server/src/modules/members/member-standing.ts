import { Injectable } from '@nestjs/common';
import type { Member } from '@lensloop/shared';

/** What other modules add to a member as the API shows it: tier and points, stored value. */
export type MemberStanding = Pick<Member, 'tier' | 'points' | 'balance'>;

/** A module owning part of a member's standing (membership: tier, points; wallet: balance). */
export interface MemberStandingContributor {
  standingOf(memberId: number): Promise<Partial<MemberStanding>>;
}

/**
 * The members module's port for the standing shown by `GET /me`, login and the staff card:
 * membership and wallet depend on members, so they register here instead of members importing them.
 */
@Injectable()
export class MemberStandingPort {
  private readonly contributors: MemberStandingContributor[] = [];

  register(contributor: MemberStandingContributor): void {
    this.contributors.push(contributor);
  }

  /** Every contributor's part over `base`, the values of a member nobody has added to yet. */
  async standingOf(memberId: number, base: MemberStanding): Promise<MemberStanding> {
    const parts = await Promise.all(this.contributors.map((contributor) => contributor.standingOf(memberId)));
    return Object.assign({ ...base }, ...parts) as MemberStanding;
  }
}
