import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';
import { inputLabel } from '../utils/a11y';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  type?: InputProps['type'];
  maxlength?: number;
  testId: string;
}

/** A labelled single-line input with a plain-words hint and an error line. */
export function Field({ label, value, onChange, placeholder, hint, error, type, maxlength, testId }: FieldProps) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        className={`field__input${error ? ' field__input--error' : ''}`}
        value={value}
        type={type ?? 'text'}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
        data-testid={testId}
        {...inputLabel(label)}
      />
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
