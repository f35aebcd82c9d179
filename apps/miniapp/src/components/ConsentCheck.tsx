import { Text, View } from '@tarojs/components';

interface ConsentCheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The whole sentence the person agrees to: it wraps, it is never cut off. */
  label: string;
  testId?: string;
}

/**
 * A consent check-box people can read: the sentence wraps at any width and font size, the whole row
 * is the touch target, and it is a real check-box to a screen reader (role and state), which the
 * NutUI one is not.
 */
export function ConsentCheck({ checked, onChange, label, testId }: ConsentCheckProps) {
  // Taro's View types know no ARIA; on H5 these become attributes of the element, on weapp they are ignored.
  const a11y: Record<string, string | number> = {
    role: 'checkbox',
    'aria-checked': checked ? 'true' : 'false',
    tabIndex: 0,
    'aria-label': label,
  };
  return (
    <View
      className={`consent-check${checked ? ' consent-check--on' : ''}`}
      onClick={() => onChange(!checked)}
      data-testid={testId}
      {...a11y}
    >
      <View className="consent-check__box">
        <Text className="consent-check__mark">{checked ? '✓' : ''}</Text>
      </View>
      <Text className="consent-check__label">{label}</Text>
    </View>
  );
}
