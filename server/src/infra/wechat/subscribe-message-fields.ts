/**
 * WeChat's limits on subscribe-message data (`subscribeMessage.send`, "参数值内容限制"): the type
 * is the field name without its trailing number (`thing2` → `thing`). The fake WeChat server
 * refuses a value that breaks them with 47003, as WeChat does; the reminders module fits its
 * text to them before sending.
 */
const HAN = '\\p{Script=Han}';
const TIME = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日 |\\d{4}-\\d{2}-\\d{2} )?\\d{1,2}:\\d{2}(?::\\d{2})?';
const DATE = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{2}-\\d{2})(?: \\d{1,2}:\\d{2}(?::\\d{2})?)?';
const range = (one: string) => new RegExp(`^${one}(?:~${one})?$`, 'u');

const RULES: Record<string, (value: string) => boolean> = {
  thing: (value) => value.trim().length > 0 && [...value].length <= 20,
  number: (value) => /^\d+(\.\d+)?$/.test(value) && value.length <= 32,
  letter: (value) => /^[A-Za-z]{1,32}$/.test(value),
  symbol: (value) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(value),
  character_string: (value) => /^[\x21-\x7e]{1,32}$/.test(value),
  time: (value) => range(TIME).test(value),
  date: (value) => range(DATE).test(value),
  amount: (value) => /^[¥$€]?\d{1,10}(\.\d{1,2})?元?$/.test(value),
  phone_number: (value) => /^[\d+\-() ]{1,17}$/.test(value),
  car_number: (value) =>
    [...value].length <= 8 && /^[\p{Script=Han}A-Z0-9][A-Z0-9]*[\p{Script=Han}A-Z0-9]?$/u.test(value),
  name: (value) =>
    new RegExp(`^${HAN}{1,10}$`, 'u').test(value) ||
    /^[A-Za-z\s.'-]{1,20}$/.test(value) ||
    ([...value].length <= 10 && /^[\p{Script=Han}A-Za-z ·]+$/u.test(value)),
  phrase: (value) => new RegExp(`^${HAN}{1,5}$`, 'u').test(value),
};

/** The type of a data key (`thing12` → `thing`), or null for a key WeChat would not know. */
export function subscribeFieldType(key: string): string | null {
  const match = /^([a-z_]+?)(\d+)$/.exec(key);
  return match && match[1] in RULES ? match[1] : null;
}

/** The keys of `data` whose values break WeChat's limits (unknown field types included). */
export function invalidSubscribeFields(data: Record<string, string>): string[] {
  return Object.entries(data)
    .filter(([key, value]) => {
      const type = subscribeFieldType(key);
      return type === null || typeof value !== 'string' || !RULES[type](value);
    })
    .map(([key]) => key);
}

/** `text` cut to `max` characters (code points), ending in `…` when cut: what fits a `thing`. */
export function fitThing(text: string, max = 20): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
