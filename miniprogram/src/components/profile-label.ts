import type { FamilyProfile } from '@lensloop/shared';
import { t } from '../i18n';

/** A profile's name, or its relation ("本人") for the member's own profile, which has none. */
export function profileLabel(profile: Pick<FamilyProfile, 'name' | 'relation'>): string {
  return profile.name || t(`relation.${profile.relation}`);
}
