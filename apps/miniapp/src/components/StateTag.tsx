import { Text, View } from '@tarojs/components';

const TYPE_BY_STATE: Record<string, 'primary' | 'success' | 'danger' | 'warning' | 'default'> = {
  submitted: 'primary',
  requested: 'primary',
  needs_info: 'warning',
  needs_material: 'warning',
  paid: 'warning',
  filed: 'success',
  signed: 'success',
  approved: 'success',
  accepted: 'success',
  rejected: 'danger',
  declined: 'danger',
  withdrawn: 'default',
  cancelled: 'default',
};

/** The state of a case as a coloured label (its colours meet WCAG AA contrast; NutUI's tags did not). */
export function StateTag({ state, label }: { state: string; label: string }) {
  return (
    <View className="state-tag" data-testid="state-tag" data-state={state}>
      <Text className={`state-tag__label state-tag__label--${TYPE_BY_STATE[state] ?? 'default'}`}>{label}</Text>
    </View>
  );
}
