import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';

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

/** The state of a case as a coloured label. */
export function StateTag({ state, label }: { state: string; label: string }) {
  return (
    <View className="state-tag" data-testid="state-tag" data-state={state}>
      <Tag type={TYPE_BY_STATE[state] ?? 'default'}>{label}</Tag>
    </View>
  );
}
