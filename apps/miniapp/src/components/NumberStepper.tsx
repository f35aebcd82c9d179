import { Input, Text, View } from '@tarojs/components';

interface NumberStepperProps {
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  unit: string;
  testId: string;
}

/** A whole number with big − and + buttons (easier than typing for small counts). */
export function NumberStepper({ value, min, max, onChange, unit, testId }: NumberStepperProps) {
  const set = (n: number) => onChange(Math.min(max, Math.max(min, Number.isFinite(n) ? Math.round(n) : min)));
  return (
    <View className="stepper" data-testid={testId}>
      <View className="stepper__button" onClick={() => set(value - 1)} data-testid={`${testId}-minus`}>
        <Text>−</Text>
      </View>
      <Input
        className="stepper__value"
        type="number"
        value={String(value)}
        maxlength={2}
        onInput={(e) => set(Number(e.detail.value))}
        data-testid={`${testId}-input`}
      />
      <Text className="stepper__unit">{unit}</Text>
      <View className="stepper__button" onClick={() => set(value + 1)} data-testid={`${testId}-plus`}>
        <Text>＋</Text>
      </View>
    </View>
  );
}
