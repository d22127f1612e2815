/** Referral codes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const REFERRAL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERRAL_CODE_LENGTH = 8;
export const REFERRAL_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/;

/** The wxacode `scene` of a friend's invitation: `ref:<code>`. */
export const REFERRAL_SCENE_PREFIX = 'ref:';

/** The referral code in a wxacode scene (`ref:<code>`), or null when the scene is something else. */
export function referralCodeOfScene(scene: string | null | undefined): string | null {
  if (!scene) return null;
  const decoded = scene.includes('%') ? safeDecode(scene) : scene;
  return decoded.startsWith(REFERRAL_SCENE_PREFIX) ? decoded.slice(REFERRAL_SCENE_PREFIX.length) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Where an invited friend stands: `registered` (attributed), `ordered` (first order completed, in
 * the return window), `rewarded`, `cancelled` (refunded in the window, or a self-referral found
 * later), `capped` (the referrer had reached the monthly cap when the reward fell due).
 */
export const REFERRAL_FRIEND_STATUSES = ['registered', 'ordered', 'rewarded', 'cancelled', 'capped'] as const;
export type ReferralFriendStatus = (typeof REFERRAL_FRIEND_STATUSES)[number];

export interface ReferralFriend {
  nicknameMasked: string;
  joinedAt: string;
  status: ReferralFriendStatus;
}

/** `GET /me/referral`. */
export interface MyReferral {
  code: string;
  /** Path (under the API origin) of the mini-program code image (`wxacode.getUnlimited`, scene `ref:<code>`). */
  qrUrl: string;
  invited: number;
  rewarded: number;
  friends: ReferralFriend[];
}

/** `POST /referral-scans`: the mini-program was opened through a friend's code. */
export interface ReferralScanRequest {
  code: string;
}

export interface ReferralRewardInput {
  /** A coupon template of channel `reward`. */
  couponTemplateId?: number;
  /** Points credited by the membership module. */
  points?: number;
}

/** `PUT /admin/referral-rule`. */
export interface ReferralRuleInput {
  reward: ReferralRewardInput;
  /** Days after the first order completes before the reward is granted (a refund until then cancels it). */
  returnWindowDays: number;
  /** Rewards one referrer may receive per calendar month (Asia/Shanghai). */
  monthlyCapPerReferrer: number;
  /** Days a scanned code stays valid for the first login. */
  attributionDays: number;
}

export interface ReferralRule {
  reward: { couponTemplateId: number | null; points: number | null };
  returnWindowDays: number;
  monthlyCapPerReferrer: number;
  attributionDays: number;
}

export interface ReferralFunnelQuery {
  /** YYYY-MM-DD, Asia/Shanghai, inclusive. */
  from: string;
  to: string;
}

/** `GET /admin/referrals/funnel`: scans → registrations → first orders → rewards in the period. */
export interface ReferralFunnel {
  from: string;
  to: string;
  scans: number;
  registrations: number;
  firstOrders: number;
  rewards: number;
  /** First logins with a code that was not attributed, by reason. */
  rejected: Record<string, number>;
}

/** A member as the staff card shows them in referral context. */
export interface ReferralPerson {
  memberId: number;
  nicknameMasked: string;
}

/** The referral part of the staff customer card. */
export interface CustomerReferrals {
  referredBy: ReferralPerson | null;
  referred: {
    count: number;
    members: (ReferralPerson & { joinedAt: string; status: ReferralFriendStatus })[];
  };
}

/** The `referrals` section of `GET /me/export`. */
export interface ReferralExport {
  code: string | null;
  /** The attribution of this member to their referrer. */
  referredBy: {
    memberId: number;
    code: string | null;
    attributedAt: string;
    status: ReferralFriendStatus;
  } | null;
  /** Friends this member invited (masked, as on the referral page). */
  invited: ReferralFriend[];
}
