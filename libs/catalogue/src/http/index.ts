export * from './catalogue-http.module';
export { CATALOGUE_PAGE_HEADERS, matchesEtag } from './course.controller';
export * from './catalogue-edge';
