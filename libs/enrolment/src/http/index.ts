export * from './enrolment-http.module';
