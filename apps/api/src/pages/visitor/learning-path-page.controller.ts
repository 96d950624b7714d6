import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LearningPathService, type PathStatus } from '@schakel/catalogue';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import { CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { HtmlPage, Page, PageContext, PageRenderer, WebError } from '@schakel/web';

/** How each status looks (the `schakel-status--<tone>` badge); the words are the catalogue's. */
const TONE: Record<PathStatus, 'neutral' | 'warning' | 'ok'> = {
  'not-started': 'neutral',
  'in-progress': 'warning',
  completed: 'ok',
  certified: 'ok',
};

const isChainRole = (value: string): value is ChainRole => (CHAIN_ROLES as readonly string[]).includes(value);

/** A chain role's learning path: its courses in an order a learner can follow, with her own status per course. */
@ApiExcludeController()
@Controller('learning-paths')
export class LearningPathPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly paths: LearningPathService,
  ) {}

  @Get(':chainRole')
  @Public()
  @HtmlPage()
  async rolePath(@Page() page: PageContext, @CurrentUser() user: AuthUser | undefined, @Param('chainRole') chainRole: string): Promise<string> {
    if (!isChainRole(chainRole)) throw WebError.notFound();
    const path = await this.paths.forRole(user, chainRole);
    const roleName = this.pages.word(page.lang, `chainRoles.${chainRole}`);
    return this.pages.render(
      'learning-path',
      page.view(this.pages.word(page.lang, 'rolePath.title', { role: roleName }), {
        role: chainRole,
        roleName,
        items: path.items.map((item) => ({ ...item, tone: item.myStatus ? TONE[item.myStatus] : null })),
        signedIn: !!user,
        next: encodeURIComponent(`/learning-paths/${chainRole}`),
        otherRoles: CHAIN_ROLES.filter((role) => role !== chainRole),
      }),
    );
  }
}
