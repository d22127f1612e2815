import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CustomerTagging } from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { errorMessage, t } from '../../../i18n';
import { addCustomerTag, removeCustomerTag } from '../../../services/tags';

/** The card's tags: automatic ones with why they apply, manual ones staff add and remove. */
export function TagsSection({
  memberId,
  tagging,
  onChanged,
}: {
  memberId: number;
  tagging: CustomerTagging;
  onChanged: () => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const auto = tagging.tags.filter((tag) => tag.auto);
  const manual = tagging.tags.filter((tag) => !tag.auto);

  async function run(action: () => Promise<unknown>): Promise<void> {
    setError(null);
    try {
      await action();
      await onChanged();
    } catch (actionError) {
      setError(errorMessage(actionError));
    }
  }

  return (
    <View className="desk__card" data-testid="customer-tags" aria-label={t('tags.title')}>
      <View className="desk__row">
        <Text className="desk__name">{t('tags.class', { class: tagging.purchaseClass })}</Text>
        {tagging.quadrant ? (
          <Text className="desk__meta">{t(`tags.quadrant.${tagging.quadrant}`)}</Text>
        ) : null}
      </View>
      {tagging.tags.length === 0 ? <Text className="desk__meta">{t('tags.none')}</Text> : null}
      {auto.map((tag) => (
        <View key={tag.id} className="desk__tag" data-testid="auto-tag">
          <Text className="desk__tag-name">
            {tag.name}
            <Text className="desk__meta">（{t('tags.auto')}）</Text>
          </Text>
          {tag.reason ? <Text className="desk__meta">{tag.reason}</Text> : null}
        </View>
      ))}
      {manual.map((tag) => (
        <View key={tag.id} className="desk__row" data-testid="manual-tag">
          <Text className="desk__tag-name">{tag.name}</Text>
          <Button
            size="small"
            type="default"
            role="button"
            aria-label={t('tags.remove', { name: tag.name })}
            onClick={() => void run(() => removeCustomerTag(memberId, tag.id))}
          >
            ✕
          </Button>
        </View>
      ))}
      <View className="desk__search desk__search--inline">
        <LabelledInput
          className="desk__input"
          label={t('tags.newTag')}
          value={name}
          maxLength={32}
          onChange={(value) => setName(value)}
        />
        <Button
          size="small"
          type="primary"
          role="button"
          aria-label={t('tags.add')}
          disabled={!name.trim()}
          onClick={() =>
            void run(async () => {
              await addCustomerTag(memberId, name.trim());
              setName('');
            })
          }
        >
          {t('tags.add')}
        </Button>
      </View>
      {error ? (
        <Text className="desk__error" role="alert">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
