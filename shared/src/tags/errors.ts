/** Codes of tags, segments, communities and the KPI views. */
export const TagsErrorCode = {
  TAG_NOT_FOUND: 'TAG_NOT_FOUND',
  /** Automatic tags follow the rules; staff remove only manual ones. */
  TAG_NOT_MANUAL: 'TAG_NOT_MANUAL',
  SEGMENT_NOT_FOUND: 'SEGMENT_NOT_FOUND',
  /** A segment filter names an unknown field, tag or operator; `details[].field` is the node's path. */
  SEGMENT_FILTER_INVALID: 'SEGMENT_FILTER_INVALID',
  COMMUNITY_NOT_FOUND: 'COMMUNITY_NOT_FOUND',
} as const;
export type TagsErrorCode = (typeof TagsErrorCode)[keyof typeof TagsErrorCode];
