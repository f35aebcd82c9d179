import { Input, Text, View } from '@tarojs/components';
import { asButton, inputLabel } from '../utils/a11y';

interface NumberStepperProps {
  /** What is counted, for screen readers (e.g. 家庭人口). */
  label?: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  unit: string;
  testId: string;
}

/** A whole number with big − and + buttons (easier than typing for small counts). */
export function NumberStepper({ label, value, min, max, onChange, unit, testId }: NumberStepperProps) {
  const set = (n: number) => onChange(Math.min(max, Math.max(min, Number.isFinite(n) ? Math.round(n) : min)));
  return (
    <View className="stepper" data-testid={testId}>
      <View className="stepper__button" onClick={() => set(value - 1)} data-testid={`${testId}-minus`} {...asButton(`减少${unit}`)}>
        <Text>−</Text>
      </View>
      <Input
        className="stepper__value"
        type="number"
        value={String(value)}
        maxlength={2}
        onInput={(e) => set(Number(e.detail.value))}
        data-testid={`${testId}-input`}
        {...inputLabel(label ? `${label}（${unit}）` : `数量（${unit}）`)}
      />
      <Text className="stepper__unit">{unit}</Text>
      <View className="stepper__button" onClick={() => set(value + 1)} data-testid={`${testId}-plus`} {...asButton(`增加${unit}`)}>
        <Text>＋</Text>
      </View>
    </View>
  );
}
