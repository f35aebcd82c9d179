/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** Base URL of the API, e.g. `/api` (H5) or `http://127.0.0.1:3000/api` (weapp). */
    TARO_APP_API_BASE: string;
  }
}
