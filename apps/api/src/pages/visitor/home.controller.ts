import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CHAIN_ROLES } from '@schakel/common';
import { Public } from '@schakel/identity';
import { HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';

/** The home page: the four chain roles, each leading to its learning path. */
@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  @Public()
  @HtmlPage()
  home(@Page() page: PageContext, @Query('signedOut') signedOut?: string): string {
    const roles = CHAIN_ROLES.map((role) => ({
      role,
      name: this.pages.word(page.lang, `chainRoles.${role}`),
      description: this.pages.word(page.lang, `chainRoleDescriptions.${role}`),
    }));
    return this.pages.render('home', page.view(this.pages.word(page.lang, 'home.title'), { roles, signedOut: signedOut === '1' }));
  }
}
