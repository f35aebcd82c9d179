import { Text, View } from '@tarojs/components';

interface ChoiceProps {
  title: string;
  desc?: string;
  selected: boolean;
  onSelect: () => void;
  testId: string;
}

/** A big tappable option (radio or checkbox look depends only on how the caller uses `selected`). */
export function Choice({ title, desc, selected, onSelect, testId }: ChoiceProps) {
  return (
    <View className={`choice${selected ? ' choice--selected' : ''}`} onClick={onSelect} data-testid={testId} data-selected={selected}>
      <Text className="choice__title">
        {selected ? '✓ ' : ''}
        {title}
      </Text>
      {desc ? <Text className="choice__desc">{desc}</Text> : null}
    </View>
  );
}
