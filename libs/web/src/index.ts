export * from './link-signer';
export * from './page.renderer';
export * from './web.module';
export * from './web.exception';
export * from './page.decorators';
