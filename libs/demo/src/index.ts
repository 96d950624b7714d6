export * from './demo-accounts';
export * from './demo.module';
export * from './demo.seeder';
export * from './demo-sessions.seeder';
