import { Global, Module } from '@nestjs/common';
import { LinkSigner } from '@schakel/web';
import { PageRenderer } from './page.renderer';

/** Shared web infrastructure: signed links (mails and their pages) and the page renderer. No controllers. */
@Global()
@Module({
  providers: [LinkSigner, { provide: PageRenderer, useFactory: () => new PageRenderer() }],
  exports: [LinkSigner, PageRenderer],
})
export class WebModule {}
