import { applyDecorators, Header, HttpCode } from '@nestjs/common';
import { ApiConsumes, ApiProduces } from '@nestjs/swagger';

/** A route that answers with a server-rendered HTML page (GET: shows, never changes anything). */
export const HtmlPage = () => applyDecorators(Header('Content-Type', 'text/html; charset=utf-8'), ApiProduces('text/html'));

/** The POST of a page's form: a plain HTML form in, the resulting page out (200, or the status the controller sets). */
export const HtmlForm = () =>
  applyDecorators(HttpCode(200), Header('Content-Type', 'text/html; charset=utf-8'), ApiConsumes('application/x-www-form-urlencoded'), ApiProduces('text/html'));
