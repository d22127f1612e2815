import { View } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import { errorMessage, t } from '../i18n';
// NutUI's default Empty pictures load from a CDN; draw a local one instead.
import './state-view.scss';

export function LoadingState() {
  return (
    <View className="state-view" role="status" aria-label={t('common.loading')} data-testid="loading">
      <Loading type="circular">{t('common.loading')}</Loading>
    </View>
  );
}

export function EmptyState({ title }: { title?: string }) {
  return (
    <View className="state-view" data-testid="empty">
      <Empty image={<View className="state-view__image" />} title={title ?? t('common.empty')} />
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="state-view" role="alert" data-testid="error">
      <Empty
        image={<View className="state-view__image state-view__image--error" />}
        title={errorMessage(error)}
      />
      {onRetry ? (
        <Button type="primary" size="small" role="button" aria-label={t('common.retry')} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </View>
  );
}
