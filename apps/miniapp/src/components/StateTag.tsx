import { Text, View } from '@tarojs/components';
import { stateOf, type CaseType } from '@union/shared';

/**
 * The state of a case as a coloured label. The colour is the state's tone in its workflow table
 * (its colours meet WCAG AA contrast; NutUI's tags did not).
 */
export function StateTag({ caseType, state, label }: { caseType: CaseType; state: string; label: string }) {
  const tone = stateOf(caseType, state)?.tone ?? 'default';
  return (
    <View className="state-tag" data-testid="state-tag" data-state={state} data-tone={tone}>
      <Text className={`state-tag__label state-tag__label--${tone}`}>{label}</Text>
    </View>
  );
}
