import { Body, Controller, Get, Post, Res, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '@schakel/common';
import { EnrolmentErrorCode, ImportService } from '@schakel/enrolment';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { FormErrors, formText, HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import { dryRunView, statusView } from './import-words';
import { OrgPageAccess, PageId, type OrgRef } from './org-page.access';
import { UploadForm, type UploadedCsv } from './upload-form';

/**
 * Import people from a CSV: upload, "Proef" (the dry run: per-row outcomes and how many
 * e-mails will go out), "Importeren" (the background job), its progress bar (the page polls
 * itself while the job runs) and "Download resultaat". Only ImportService's public methods.
 */
@ApiExcludeController()
@Controller('org/:orgId/imports')
export class OrgImportsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orgs: OrgPageAccess,
    private readonly imports: ImportService,
  ) {}

  @Get('new')
  @Authenticated()
  @HtmlPage()
  async upload(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string): Promise<string> {
    return this.uploadPage(page, await this.orgs.organisation(user, orgId), {});
  }

  /** "Proef": what would happen per row; nothing changes. The file comes back with the "Importeren" form. */
  @Post('new')
  @Authenticated()
  @UploadForm()
  async dryRun(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string,
    @UploadedFile() file: UploadedCsv | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const csv = file?.buffer.toString('utf8') ?? '';
    const errors = new FormErrors();
    if (!csv.trim()) errors.add('file', this.pages.word(page.lang, 'org.import.fileMissing'));
    else {
      try {
        const dry = await this.imports.dryRun(user, orgId, csv);
        return this.uploadPage(page, org, { dry: dryRunView(this.pages, page.lang, dry), csv64: Buffer.from(csv, 'utf8').toString('base64url'), fileName: file?.originalname });
      } catch (error) {
        if (!(error instanceof DomainException && error.code === EnrolmentErrorCode.BulkInvalid)) throw error;
        errors.add('file', this.pages.word(page.lang, 'org.import.fileUnreadable'));
      }
    }
    res.status(400);
    return this.uploadPage(page, org, errors.view());
  }

  /** "Importeren": starts the job with the file the dry run showed, then follows its progress. */
  @Post()
  @Authenticated()
  @UploadForm()
  async start(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const csv = Buffer.from(formText(body, 'csv64'), 'base64url').toString('utf8');
    try {
      const started = await this.imports.start(user, orgId, csv);
      res.redirect(303, `/org/${orgId}/imports/${started.id}`);
    } catch (error) {
      if (!(error instanceof DomainException && error.code === EnrolmentErrorCode.BulkInvalid)) throw error;
      res.status(400);
      return this.uploadPage(page, org, new FormErrors().add('file', this.pages.word(page.lang, 'org.import.fileUnreadable')).view());
    }
  }

  /** The import's progress; while it runs, the bar carries `data-poll` (schakel.js replaces it every 2 s). */
  @Get(':importId')
  @Authenticated()
  @HtmlPage()
  async progress(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('importId') importId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const status = await this.imports.status(user, orgId, importId);
    const title = this.pages.word(page.lang, 'org.import.progressTitle');
    return this.pages.render('org-import-progress', page.view(title, { org, importId, ...statusView(this.pages, page.lang, status) }));
  }

  @Get(':importId/result.csv')
  @Authenticated()
  async result(@CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('importId') importId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.imports.resultCsv(user, orgId, importId);
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="import-resultaat.csv"' });
    return csv;
  }

  private uploadPage(page: PageContext, org: OrgRef, data: Record<string, unknown>): string {
    return this.pages.render('org-import', page.view(this.pages.word(page.lang, 'org.import.title'), { org, ...data }));
  }
}
