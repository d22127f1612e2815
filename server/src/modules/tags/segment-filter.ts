import {
  AUTO_TAGS,
  PURCHASE_CLASSES,
  QUADRANTS,
  SEGMENT_FIELDS,
  SEGMENT_OPS,
  type ErrorDetail,
  type SegmentField,
  type SegmentFilter,
} from '@lensloop/shared';
import { CHANNEL_LABELS, LIFE_TAG_BITS } from './tag-rules';

const MAX_DEPTH = 8;
const MAX_NODES = 200;
const MAX_IN_VALUES = 1_000;

type FieldKind = { column: string } & (
  { type: 'enum'; values: readonly string[] } | { type: 'int' } | { type: 'text' } | { type: 'date' }
);

/** The member fields a filter may test, and the column of `tag_member_facts` (alias `f`) each reads. */
const FIELDS: Record<SegmentField, FieldKind> = {
  purchaseClass: { column: 'f.purchase_class', type: 'enum', values: PURCHASE_CLASSES },
  quadrant: { column: 'f.quadrant', type: 'enum', values: QUADRANTS },
  channel: { column: 'f.channel', type: 'enum', values: Object.keys(CHANNEL_LABELS) },
  purchases: { column: 'f.purchases', type: 'int' },
  spend: { column: 'f.spend', type: 'int' },
  homeStoreId: { column: 'f.home_store_id', type: 'int' },
  ownerStaffId: { column: 'f.owner_staff_id', type: 'int' },
  region: { column: 'f.region', type: 'text' },
  registeredAt: { column: 'f.registered_at', type: 'date' },
  lastPurchaseAt: { column: 'f.last_purchase_at', type: 'date' },
};

/** A filter compiled to a condition over `tag_member_facts f` with positional parameters. */
export interface CompiledFilter {
  sql: string;
  params: unknown[];
  /** The tag names used, with the path of their node, for the caller to check they exist. */
  tags: { name: string; path: string }[];
}

export class FilterError extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super(details.map((detail) => `${detail.field}: ${detail.message}`).join('; '));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** Checks one value against the field; answers the value to bind (dates as `Date`). */
function fieldValue(field: FieldKind, value: unknown, path: string): unknown {
  const fail = (message: string) => new FilterError([{ field: path, message }]);
  switch (field.type) {
    case 'enum':
      if (typeof value !== 'string' || !field.values.includes(value))
        throw fail(`must be one of ${field.values.join(', ')}`);
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw fail('must be an integer');
      return value;
    case 'text':
      if (typeof value !== 'string' || value.length === 0 || value.length > 64)
        throw fail('must be a text of 1 to 64 characters');
      return value;
    case 'date': {
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))
        throw fail('must be an ISO date (YYYY-MM-DD) or date-time');
      // A bare date means midnight in Asia/Shanghai.
      return new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
    }
  }
}

const CLASS_OF_TAG = new Map((['A', 'B', 'C', 'D'] as const).map((value) => [AUTO_TAGS.class(value), value]));
const QUADRANT_OF_TAG = new Map(
  Object.entries(AUTO_TAGS.quadrant).map(([quadrant, name]) => [name, quadrant]),
);

/**
 * An automatic tag kept as a column of the facts (class, quadrant, life-stage bits, channel,
 * region): tested on the row itself, no lookup in `member_tags` (store tags and manual ones are).
 * Automatic tags are only ever set by the rules, so the column and the tag row agree.
 */
function tagAsColumns(name: string): { sql: string; params: unknown[] } | null {
  const purchaseClass = CLASS_OF_TAG.get(name);
  if (purchaseClass) return { sql: 'f.purchase_class = ?', params: [purchaseClass] };
  const quadrant = QUADRANT_OF_TAG.get(name);
  if (quadrant) return { sql: 'f.quadrant = ?', params: [quadrant] };
  const bit = LIFE_TAG_BITS[name];
  if (bit) return { sql: `(f.life_tags & ${bit}) <> 0`, params: [] };
  if (name.startsWith(AUTO_TAGS.channelPrefix)) {
    const label = name.slice(AUTO_TAGS.channelPrefix.length);
    const channels = Object.entries(CHANNEL_LABELS).flatMap(([channel, text]) =>
      text === label ? [channel] : [],
    );
    if (channels.length)
      return { sql: `f.channel IN (${channels.map(() => '?').join(', ')})`, params: channels };
  }
  if (name.startsWith(AUTO_TAGS.regionPrefix) && name.length > AUTO_TAGS.regionPrefix.length) {
    return { sql: 'f.region = ?', params: [name.slice(AUTO_TAGS.regionPrefix.length)] };
  }
  return null;
}

/**
 * Compiles the DSL (`all`/`any`/`not`/`tag`/`{ field, op, value }`) to one SQL condition. Every
 * node is checked: an unknown key, field or operator, a value of the wrong type throws
 * `FilterError` with the dotted path of the node (`filter.all.1.field`).
 */
export function compileFilter(filter: unknown, root = 'filter'): CompiledFilter {
  const params: unknown[] = [];
  const tags: { name: string; path: string }[] = [];
  let nodes = 0;

  const visit = (node: unknown, path: string, depth: number): string => {
    const fail = (message: string, at = path) => new FilterError([{ field: at, message }]);
    if (++nodes > MAX_NODES) throw fail(`a filter has at most ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw fail(`a filter nests at most ${MAX_DEPTH} levels`);
    if (!isObject(node)) throw fail('must be an object: all, any, not, tag or field');
    const keys = Object.keys(node);
    if ('all' in node || 'any' in node) {
      const key = 'all' in node ? 'all' : 'any';
      if (keys.length !== 1) throw fail(`${key} takes no other keys`);
      const children = node[key];
      if (!Array.isArray(children) || children.length === 0)
        throw fail('must be a non-empty list of filters', `${path}.${key}`);
      const parts = children.map((child, index) => visit(child, `${path}.${key}.${index}`, depth + 1));
      return `(${parts.join(key === 'all' ? ' AND ' : ' OR ')})`;
    }
    if ('not' in node) {
      if (keys.length !== 1) throw fail('not takes no other keys');
      return `(NOT ${visit(node.not, `${path}.not`, depth + 1)})`;
    }
    if ('tag' in node) {
      if (keys.length !== 1) throw fail('tag takes no other keys');
      if (typeof node.tag !== 'string' || node.tag.trim().length === 0 || node.tag.length > 64)
        throw fail('must be a tag name', `${path}.tag`);
      tags.push({ name: node.tag, path: `${path}.tag` });
      const columnar = tagAsColumns(node.tag);
      if (columnar) {
        params.push(...columnar.params);
        return columnar.sql;
      }
      params.push(node.tag);
      return 'EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = ?)';
    }
    if ('field' in node) {
      const extra = keys.filter((key) => !['field', 'op', 'value'].includes(key));
      if (extra.length) throw fail(`unknown key ${extra[0]}`, `${path}.${extra[0]}`);
      const name = node.field;
      if (typeof name !== 'string' || !(SEGMENT_FIELDS as readonly string[]).includes(name))
        throw fail(`unknown field; fields: ${SEGMENT_FIELDS.join(', ')}`, `${path}.field`);
      const field = FIELDS[name as SegmentField];
      const op = node.op;
      if (typeof op !== 'string' || !(SEGMENT_OPS as readonly string[]).includes(op))
        throw fail(`unknown operator; operators: ${SEGMENT_OPS.join(', ')}`, `${path}.op`);
      if ((op === 'gte' || op === 'lte') && (field.type === 'enum' || field.type === 'text'))
        throw fail(`${name} is compared with eq or in only`, `${path}.op`);
      if (op === 'in') {
        const values = node.value;
        if (!Array.isArray(values) || values.length === 0 || values.length > MAX_IN_VALUES)
          throw fail(`must be a list of 1 to ${MAX_IN_VALUES} values`, `${path}.value`);
        const bound = values.map((value, index) => fieldValue(field, value, `${path}.value.${index}`));
        params.push(...bound);
        return `${field.column} IN (${bound.map(() => '?').join(', ')})`;
      }
      params.push(fieldValue(field, node.value, `${path}.value`));
      return `${field.column} ${op === 'eq' ? '=' : op === 'gte' ? '>=' : '<='} ?`;
    }
    throw fail(`unknown node ${keys[0] ?? '{}'}; use all, any, not, tag or field`);
  };

  const sql = visit(filter, root, 0);
  return { sql, params, tags };
}

/** The type guard the DTO needs: the shape was checked by `compileFilter`. */
export function asSegmentFilter(filter: unknown): SegmentFilter {
  compileFilter(filter);
  return filter as SegmentFilter;
}
