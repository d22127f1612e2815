/**
 * The subscribe-message templates the member has answered since the app started: a refusal is
 * respected (not asked again in this session), and a fresh grant is not asked for twice. Memory
 * only: the next launch may ask again, at the next right moment.
 */
const answered = new Map<string, 'granted' | 'refused'>();

export const subscribeAnswers = {
  /** The keys of `keys` not yet answered in this session. */
  unanswered(keys: readonly string[]): string[] {
    return keys.filter((key) => !answered.has(key));
  },
  record(keys: readonly string[], answer: 'granted' | 'refused'): void {
    keys.forEach((key) => answered.set(key, answer));
  },
  /** Forgets every answer (signing out: another person may sign in on this device). */
  clear(): void {
    answered.clear();
  },
};
