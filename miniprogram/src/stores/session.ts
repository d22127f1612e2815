import { useSyncExternalStore } from 'react';
import type { Member, ProductCategory, StaffProfile } from '@lensloop/shared';
import { onUnauthenticated, readToken, writeToken } from '../services/request';
import { subscribeAnswers } from './subscribe-answers';

export interface SessionState {
  token: string | null;
  member: Member | null;
  staff: StaffProfile | null;
  /** Category chosen on the home page for the product list (tab pages take no query). */
  pendingCategory: ProductCategory | null;
}

let state: SessionState = { token: readToken(), member: null, staff: null, pendingCategory: null };
const listeners = new Set<() => void>();

function update(patch: Partial<SessionState>): void {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const session = {
  get: (): SessionState => state,
  subscribe,
  signInMember(token: string, member: Member): void {
    writeToken(token);
    update({ token, member, staff: null });
  },
  setMember(member: Member): void {
    update({ member });
  },
  signInStaff(token: string, staff: StaffProfile): void {
    writeToken(token);
    update({ token, staff, member: null });
  },
  signOut(): void {
    // Another person may sign in on this device: their subscribe answers are their own.
    subscribeAnswers.clear();
    writeToken(null);
    update({ token: null, member: null, staff: null });
  },
  setPendingCategory(category: ProductCategory | null): void {
    update({ pendingCategory: category });
  },
};

onUnauthenticated(() => update({ token: null, member: null, staff: null }));

/** The session, re-rendering the component when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, session.get, session.get);
}
