export * from './demo-accounts';
export * from './demo-catalogue.data';
export * from './demo-catalogue.seeder';
export * from './demo-sessions.seeder';
export * from './demo.module';
export * from './demo.seeder';
export * from './demo-orders.seeder';
