export default definePageConfig({ navigationBarTitleText: '信访件' });
