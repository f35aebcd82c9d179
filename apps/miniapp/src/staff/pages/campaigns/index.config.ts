export default definePageConfig({ navigationBarTitleText: '帮扶活动' });
