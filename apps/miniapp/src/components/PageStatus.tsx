import { Text, View } from '@tarojs/components';

/** What a page shows before its data is there: the error in plain words, or that it is loading. */
export function PageStatus({ error }: { error: string | null }) {
  return (
    <View className="page">
      {error ? (
        <View className="card">
          <Text className="paragraph">{error}</Text>
        </View>
      ) : (
        <Text className="muted">正在读取…</Text>
      )}
    </View>
  );
}
