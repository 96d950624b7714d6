export * from './messaging-http.module';
