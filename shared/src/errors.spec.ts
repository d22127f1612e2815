import { ERROR_CODES_BY_DOMAIN, ErrorCode } from './errors';

describe('ErrorCode', () => {
  const domainEntries = Object.values(ERROR_CODES_BY_DOMAIN).flatMap((codes) => Object.entries(codes));

  it('should give each code to exactly one domain', () => {
    const names = domainEntries.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('should hold every domain code, and nothing else, when merged', () => {
    expect(Object.entries(ErrorCode).sort()).toEqual([...domainEntries].sort());
  });

  it('should send each code as its own name', () => {
    for (const [name, value] of domainEntries) expect(value).toBe(name);
  });
});
