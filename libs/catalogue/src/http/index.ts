export * from './catalogue-http.module';
