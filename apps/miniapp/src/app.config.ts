export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/messages/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/invite/index',
    'pages/membership/consent/index',
    'pages/membership/apply/index',
    'pages/membership/application/index',
    'pages/membership/card/index',
    'pages/membership/transfer/index',
  ],
  subPackages: [
    // Staff pages are downloaded only by staff, keeping the workers' main package small.
    {
      root: 'staff',
      pages: [
        'pages/workbench/index',
        'pages/case-search/index',
        'pages/case/index',
        'pages/verify/index',
        'pages/hardship/index',
        'pages/aid/index',
        'pages/grant/index',
        'pages/campaigns/index',
        'pages/campaign/index',
        'pages/campaign-new/index',
        'pages/recheck/index',
        'pages/rules/index',
        'pages/statistics/index',
        'pages/legal/index',
        'pages/legal-case/index',
        'pages/legal-schedule/index',
        'pages/legal-rules/index',
        'pages/legal-statistics/index',
        'pages/contests/index',
        'pages/contest/index',
        'pages/judging/index',
        'pages/proposals-admin/index',
        'pages/proposal-review/index',
        'pages/honours/index',
        'pages/honour/index',
        'pages/model-workers/index',
        'pages/recognition-statistics/index',
        'pages/petitions/index',
        'pages/petition/index',
        'pages/calendar/index',
      ],
    },
    // Hardship assistance, loaded when a worker opens it. The root keeps the routes the server
    // writes into messages (/pages/hardship/application/index?id=..., /pages/hardship/file/index?id=...).
    {
      root: 'pages/hardship',
      pages: [
        'index/index',
        'self-test/index',
        'apply/index',
        'application/index',
        'mine/index',
        'file/index',
        'grant/index',
        'notices/index',
      ],
    },
    // Legal services: booking, online consultation, legal aid; the consultation and thread pages
    // serve the worker and the lawyer alike (the server decides what each may see and do).
    {
      root: 'pages/legal',
      pages: ['index/index', 'book/index', 'consultation/index', 'thread/index', 'apply/index', 'case/index', 'mine/index'],
    },
    // Competitions and proposals: browse, register, results and certificates; submit and follow proposals.
    {
      root: 'pages/contest',
      pages: ['index/index', 'competition/index', 'entry/index', 'proposal/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '县总工会',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // Icons are drawn by scripts/make-tab-icons.js.
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
      },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
