export * from './session-http.module';
