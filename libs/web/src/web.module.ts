import { Global, Module } from '@nestjs/common';
import { LinkSigner } from './link-signer';
import { PageRenderer } from './page.renderer';

/** Shared web infrastructure every process needs: signed links (mails and their pages). No controllers. */
@Global()
@Module({
  providers: [LinkSigner],
  exports: [LinkSigner],
})
export class WebModule {}

/**
 * The page renderer (templates compiled, CSS read and compressed once per process), for the
 * process that serves pages only: the API imports it, the worker and the seeder do not.
 */
@Global()
@Module({
  providers: [{ provide: PageRenderer, useFactory: () => new PageRenderer() }],
  exports: [PageRenderer],
})
export class PageRendererModule {}
