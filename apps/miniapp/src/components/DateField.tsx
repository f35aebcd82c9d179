import { Input, Picker, Text, View } from '@tarojs/components';
import { asButton, inputLabel } from '../utils/a11y';
import { chinaToday } from '../utils/format';

interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD, or '' before a day is chosen. */
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  /** The last day that can be chosen (default: today, in China). */
  end?: string;
  testId: string;
}

/**
 * A day: chosen from the phone's date picker (选日期), or typed as 2026-01-15 by those who prefer
 * the keyboard. The day is a plain China date, never an instant.
 */
export function DateField({ label, value, onChange, placeholder, hint, error, end, testId }: DateFieldProps) {
  const last = end ?? chinaToday();
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <View className="date-field">
        <Input
          className={`field__input date-field__input${error ? ' field__input--error' : ''}`}
          value={value}
          type="text"
          maxlength={10}
          placeholder={placeholder ?? '例如 2026-01-15'}
          onInput={(e) => onChange(e.detail.value.trim())}
          data-testid={testId}
          {...inputLabel(label)}
        />
        <Picker
          mode="date"
          value={value || (last < chinaToday() ? last : chinaToday())}
          end={last}
          onChange={(e) => onChange(String(e.detail.value))}
        >
          <View className="date-field__pick" data-testid={`${testId}-pick`} {...asButton(`选日期：${label}`)}>
            <Text>选日期</Text>
          </View>
        </Picker>
      </View>
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
