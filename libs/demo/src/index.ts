export * from './demo-accounts';
export * from './demo.module';
export * from './demo.seeder';
export * from './demo-catalogue';
export * from './demo-catalogue.data';
