import { Text, View } from '@tarojs/components';
import type { HistoryEntryView } from '@union/shared';
import { formatDateTime } from '../utils/format';

/** The case history, newest first. */
export function Timeline({ entries }: { entries: HistoryEntryView[] }) {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  if (sorted.length === 0) return <Text className="muted">还没有办理记录</Text>;
  return (
    <View className="timeline" data-testid="history">
      {sorted.map((entry) => (
        <View className="timeline__item" key={entry.id}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__title">
              {entry.actionLabel} · {entry.actorName}
            </Text>
            <Text className="timeline__time">{formatDateTime(entry.at)}</Text>
            {entry.comment ? <Text className="timeline__comment">“{entry.comment}”</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
