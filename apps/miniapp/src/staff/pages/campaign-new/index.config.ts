export default definePageConfig({ navigationBarTitleText: '发起帮扶活动' });
