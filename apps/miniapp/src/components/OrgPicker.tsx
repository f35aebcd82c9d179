import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { OrganizationView } from '@union/shared';
import { organizationsApi } from '../services/api/organizations';
import { errorMessage } from '../utils/feedback';

interface OrgPickerProps {
  selectedId: number | null;
  onSelect: (org: OrganizationView) => void;
  placeholder?: string;
  testId?: string;
}

/** Find a union by (part of) its name and pick it. */
export function OrgPicker({ selectedId, onSelect, placeholder, testId = 'org-search' }: OrgPickerProps) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<OrganizationView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    const term = q.trim();
    if (!term) {
      setResults([]);
      setMessage(null);
      return undefined;
    }
    timer.current = setTimeout(() => {
      organizationsApi
        .search(term, 20)
        .then((list) => {
          setResults(list);
          setMessage(list.length ? null : '没有找到，换个关键字试试，例如“镇”或“建筑”');
        })
        .catch((e: unknown) => setMessage(errorMessage(e)));
    }, 350);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [q]);

  return (
    <View className="org-picker">
      <Input
        className="field__input"
        value={q}
        placeholder={placeholder ?? '输入工会名称中的几个字'}
        onInput={(e) => setQ(e.detail.value)}
        data-testid={testId}
      />
      {message ? <Text className="muted">{message}</Text> : null}
      {results.map((org) => (
        <View
          key={org.id}
          className={`choice${org.id === selectedId ? ' choice--selected' : ''}`}
          onClick={() => onSelect(org)}
          data-testid={`org-option-${org.id}`}
        >
          <Text className="choice__title">{org.name}</Text>
          <Text className="choice__desc">
            {org.kindLabel}
            {org.pathNames.length > 1 ? ` · ${org.pathNames.slice(0, -1).join(' / ')}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
