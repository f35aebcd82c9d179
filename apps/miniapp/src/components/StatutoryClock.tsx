import { Text, View } from '@tarojs/components';
import type { StatutoryClock } from '@union/shared';
import { clockText } from '../utils/legal';

/** The statutory periods of a case: the next one large, the rest below with their basis. */
export function StatutoryClockCard({ clock }: { clock: StatutoryClock }) {
  const shown = clock.items.filter((i) => i.status !== 'waiting' || i.key === 'arbitration_limit');
  return (
    <View className="card" data-testid="statutory-clock">
      <Text className="card__title">法定期限</Text>
      {clock.next ? (
        <Text className="paragraph clock--running" data-testid="clock-next">
          {clock.next.label}：{clockText(clock.next)}（最后一天 {clock.next.dueOn}）
        </Text>
      ) : (
        <Text className="muted">目前没有正在计算的期限。</Text>
      )}
      {shown.map((i) => (
        <View key={i.key} className={`clock${i.status === 'running' ? ' clock--running' : ''}`} data-testid={`clock-${i.key}`}>
          <Text>
            {i.label} · {clockText(i)}
            {i.dueOn ? ` · ${i.dueOn}` : ''}
          </Text>
          <Text className="muted">{i.basis}</Text>
        </View>
      ))}
    </View>
  );
}
