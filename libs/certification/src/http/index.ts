export * from './certification-http.module';
