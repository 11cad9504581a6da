import { Button, Text, View } from '@tarojs/components';
import { t } from '../../i18n';
import './index.scss';

export interface StatusViewProps {
  loading?: boolean;
  /** A readable (zh-CN) message; shown instead of the content. */
  error?: string | null;
  onRetry?: () => void;
}

/** Loading and error states shared by pages. Renders nothing when idle. */
export function StatusView({ loading, error, onRetry }: StatusViewProps) {
  if (loading) {
    return (
      <View className="status-view">
        <Text className="status-view__text">{t('common.loading')}</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className="status-view status-view--error">
        <Text className="status-view__text">{error}</Text>
        {onRetry && (
          <Button className="status-view__retry" size="mini" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </View>
    );
  }
  return null;
}
