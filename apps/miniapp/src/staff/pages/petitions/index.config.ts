export default definePageConfig({ navigationBarTitleText: '职工信访' });
