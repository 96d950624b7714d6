export * from './organisation-http.module';
