import { Injectable } from '@nestjs/common';

/**
 * Which members belong to a saved segment. The segments module (tags) implements it and registers
 * here, so modules that target members by segment (reminders, coupon pushes) never import it.
 */
export interface SegmentMatcher {
  /**
   * The members of `memberIds` inside the segment; `segmentId = null` means the chain's 1-to-1
   * service segment (by default value×tenure "core" or purchase class D).
   */
  matching(segmentId: number | null, memberIds: readonly number[]): Promise<Set<number>>;
  /**
   * The segment's members after `afterMemberId`, by id, at most `limit` (coupon pushes walk a
   * segment in batches); an unknown segment throws `SEGMENT_NOT_FOUND`.
   */
  membersAfter?(segmentId: number, afterMemberId: number, limit: number): Promise<number[]>;
  /** How many members the segment has now; an unknown segment throws `SEGMENT_NOT_FOUND`. */
  count?(segmentId: number): Promise<number>;
}

@Injectable()
export class SegmentPort implements SegmentMatcher {
  private matcher: SegmentMatcher | null = null;

  register(matcher: SegmentMatcher): void {
    if (this.matcher) throw new Error('a segment matcher is registered twice');
    this.matcher = matcher;
  }

  /** Without a segments module registered, no member is in any segment. */
  matching(segmentId: number | null, memberIds: readonly number[]): Promise<Set<number>> {
    return this.matcher ? this.matcher.matching(segmentId, memberIds) : Promise.resolve(new Set());
  }

  membersAfter(segmentId: number, afterMemberId: number, limit: number): Promise<number[]> {
    return this.matcher?.membersAfter
      ? this.matcher.membersAfter(segmentId, afterMemberId, limit)
      : Promise.resolve([]);
  }

  count(segmentId: number): Promise<number> {
    return this.matcher?.count ? this.matcher.count(segmentId) : Promise.resolve(0);
  }
}
