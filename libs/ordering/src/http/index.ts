export * from './ordering-http.module';
