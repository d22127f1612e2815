import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CreateProfileRequest, FamilyProfile } from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { ChoiceChip } from '../../../components/choice-chip';
import { errorMessage, t } from '../../../i18n';
import { createProfile } from '../../../services/prescriptions';

const RELATIONS: CreateProfileRequest['relation'][] = ['child', 'spouse', 'parent', 'other'];

/** Adds a family member (a child, say) whose exams the store can then record. */
export function AddProfileForm({ onAdded }: { onAdded: (profile: FamilyProfile) => void }) {
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<CreateProfileRequest['relation']>('child');
  const [birthDate, setBirthDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save(): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      onAdded(await createProfile({ name: name.trim(), relation, birthDate: birthDate.trim() || null }));
    } catch (saveError) {
      setError(saveError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="fitting-page__add" data-testid="add-profile">
      <LabelledInput label={t('profile.name')} value={name} onChange={setName} />
      <View className="fitting-page__relations" role="radiogroup" aria-label={t('profile.relation')}>
        {RELATIONS.map((option) => (
          <ChoiceChip
            key={option}
            label={t(`relation.${option}`)}
            active={relation === option}
            onClick={() => setRelation(option)}
          />
        ))}
      </View>
      <LabelledInput label={t('profile.birthDate')} value={birthDate} onChange={setBirthDate} />
      {error ? (
        <Text className="fitting-page__warning" role="alert">
          {errorMessage(error)}
        </Text>
      ) : null}
      <Button
        type="primary"
        size="small"
        loading={saving}
        disabled={!name.trim()}
        role="button"
        aria-label={t('profile.save')}
        onClick={() => void save()}
      >
        {t('profile.save')}
      </Button>
    </View>
  );
}
