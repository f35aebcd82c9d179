import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { proposalsApi } from '../../../services/api/contest';
import { deadlineText } from '../../../utils/format';
import { route } from '../../../utils/nav';

/** Proposals of the union's scope (staff), or assigned for review (experts), newest first. */
export default function ProposalsAdmin() {
  const list = usePaged((after) => proposalsApi.list(after));
  if (!list.loaded || (list.error && !list.items.length)) return <PageStatus error={list.error} />;
  return (
    <View className="page" data-testid="proposals-admin">
      {list.items.length === 0 ? (
        <View className="card center">
          <Text className="muted">没有要办理的建议。</Text>
        </View>
      ) : null}
      {list.items.map((p) => (
        <View
          key={p.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/proposal-review/index', { id: p.id }) })}
          data-testid={`admin-proposal-${p.id}`}
        >
          <View className="row">
            <Text className="list-item__title">{p.title}</Text>
            <StateTag caseType="proposal" state={p.state} label={p.stateLabel} />
          </View>
          <Text className="muted">
            {p.submitterName} · {p.organizationName}
            {p.awaitingMyOpinion ? ' · 等您评审' : ''}
            {p.deadline ? ` · ${deadlineText(p.deadline)}` : ''}
          </Text>
        </View>
      ))}
      <LoadMore list={list} testId="proposals-more" />
    </View>
  );
}
