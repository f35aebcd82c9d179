import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, nominationObjectionBody, type CompetitionView, type Page, type ProposalView } from '@union/shared';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { competitionsApi, proposalsApi } from '../../../services/api/contest';
import { honoursApi } from '../../../services/api/honours';
import { isLoggedIn } from '../../../services/tokens';
import { errorMessage, toast } from '../../../utils/feedback';
import { route, loginRoute } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';
import { formatDateTime } from '../../../utils/format';

type Tab = 'open' | 'mine' | 'published';
const TABS: { key: Tab; label: string }[] = [
  { key: 'open', label: '正在报名' },
  { key: 'mine', label: '我参加的' },
  { key: 'published', label: '比赛结果' },
];

const nav = (url: string) => void Taro.navigateTo({ url: isLoggedIn() ? url : loginRoute(url) });

function CompetitionRow({ c }: { c: CompetitionView }) {
  return (
    <View
      className="list-item"
      onClick={() => nav(route('/pages/contest/competition/index', { id: c.id }))}
      data-testid={`contest-${c.id}`}
    >
      <View className="row">
        <Text className="list-item__title">{c.title}</Text>
        <StateTag caseType="competition" state={c.state} label={c.stateLabel} />
      </View>
      <Text className="muted">
        {c.kindLabel} · {c.organizerName} · {c.registrationOpen ? `报名截止 ${c.registrationClosesOn}` : `${c.startsOn} 开赛`}
      </Text>
    </View>
  );
}

/** 劳动竞赛 for workers: competitions open for registration, mine, results; and 合理化建议. */
export default function ContestHome() {
  const loggedIn = useLoggedIn();
  const [tab, setTab] = useState<Tab>('open');
  const tabRef = useRef<Tab>('open');
  const proposals = usePaged(
    (after) => proposalsApi.mine(after).catch((): Page<ProposalView> => ({ items: [], nextCursor: null })),
    loggedIn,
  );
  const notices = usePaged((after) => honoursApi.notices(after), loggedIn);
  const roll = usePaged((after) => honoursApi.roll(after), loggedIn);
  const competitions = usePaged((after) => competitionsApi.list(tabRef.current, after), loggedIn);
  const [objecting, setObjecting] = useState<number | null>(null);
  const [objection, setObjection] = useState('');
  const sendObjection = async (id: number) => {
    const checked = checkAgainst(nominationObjectionBody, { content: objection.trim() });
    if (!checked.ok) return toast(Object.values(checked.problems)[0] ?? '');
    try {
      await honoursApi.object(id, checked.value.content);
      setObjecting(null);
      toast('已提交，县总工会会核实');
    } catch (e) {
      toast(errorMessage(e));
    }
  };
  const switchTab = (t: Tab) => {
    setTab(t);
    tabRef.current = t;
    void competitions.reload();
  };
  return (
    <View className="page" data-testid="contest-home">
      <View className="card">
        <Text className="card__title">劳动竞赛、技能比武</Text>
        <Text className="muted">报名参加工会组织的比赛，成绩经审核和公示后发布，获奖可以保存电子证书。</Text>
        <View className="day-tabs">
          {TABS.map((t) => (
            <Text
              key={t.key}
              className={`day-tab${tab === t.key ? ' day-tab--active' : ''}`}
              onClick={() => switchTab(t.key)}
              data-testid={`contest-tab-${t.key}`}
            >
              {t.label}
            </Text>
          ))}
        </View>
      </View>
      {!loggedIn ? (
        <View className="card">
          <Button block size="large" type="primary" className="big-button" onClick={() => nav('/pages/login/index')}>
            登录后查看
          </Button>
        </View>
      ) : !proposals.loaded ? (
        <PageStatus error={proposals.error} />
      ) : (
        <>
          {competitions.loaded && competitions.items.length === 0 ? (
            <View className="card center">
              <Text className="muted">
                {tab === 'open' ? '现在没有正在报名的比赛。' : tab === 'mine' ? '您还没有报名比赛。' : '还没有发布的结果。'}
              </Text>
            </View>
          ) : null}
          {competitions.items.map((c) => (
            <CompetitionRow key={c.id} c={c} />
          ))}
          <LoadMore list={competitions} testId="competitions-more" />
          {notices.items.length ? (
            <View className="card" data-testid="honour-notices">
              <Text className="card__title">荣誉推荐公示</Text>
              <Text className="muted">对推荐对象有不同意见，可以在公示期内向县总工会反映。</Text>
              {notices.items.map((n) => (
                <View key={n.id} className="clock">
                  <Text>
                    {n.kindName}：{n.nomineeName}（{n.employerName}）
                  </Text>
                  <Text className="muted">
                    {n.deeds.slice(0, 80)} · 公示至 {formatDateTime(n.noticeEndsAt)}
                  </Text>
                  {objecting === n.id ? (
                    <>
                      <Textarea
                        className="field__textarea"
                        value={objection}
                        maxlength={500}
                        onInput={(e) => setObjection(e.detail.value)}
                        data-testid={`honour-objection-${n.id}`}
                      />
                      <Button
                        block
                        size="large"
                        className="big-button"
                        onClick={() => void sendObjection(n.id)}
                        data-testid={`honour-objection-send-${n.id}`}
                      >
                        提交意见
                      </Button>
                    </>
                  ) : (
                    <Text className="link" onClick={() => (setObjecting(n.id), setObjection(''))} data-testid={`honour-object-${n.id}`}>
                      我有不同意见
                    </Text>
                  )}
                </View>
              ))}
              <LoadMore list={notices} testId="honour-notices-more" />
            </View>
          ) : null}
          {roll.items.length ? (
            <View className="card" data-testid="honour-roll">
              <Text className="card__title">荣誉榜</Text>
              {roll.items.map((r) => (
                <Text key={r.id} className={r.revokedReason ? 'field__error' : 'paragraph'}>
                  {r.year} 年 {r.kindName}：{r.nomineeName}（{r.employerName}）{r.revokedReason ? ` 已撤销：${r.revokedReason}` : ''}
                </Text>
              ))}
              <LoadMore list={roll} testId="honour-roll-more" />
            </View>
          ) : null}
          <View className="card" data-testid="proposals-card">
            <Text className="card__title">合理化建议</Text>
            <Text className="muted">对生产、管理、安全有好点子？提给工会，采纳实施后按效益评奖。</Text>
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => nav('/pages/contest/proposal/index')}
              data-testid="proposal-new"
            >
              提一条建议
            </Button>
            {proposals.items.map((p) => (
              <View
                key={p.id}
                className="list-row"
                onClick={() => nav(route('/pages/contest/proposal/index', { id: p.id }))}
                data-testid={`my-proposal-${p.id}`}
              >
                <Text>{p.title}</Text>
                <Text className="muted">{p.stateLabel}</Text>
              </View>
            ))}
            <LoadMore list={proposals} testId="my-proposals-more" />
          </View>
        </>
      )}
    </View>
  );
}
