import { applyDecorators, Header, HttpCode, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces } from '@nestjs/swagger';
import { CsrfCheckedAfterUpload, UploadCsrfInterceptor } from '@schakel/web';

/** The import's limit (as `POST /api/organisations/:orgId/imports`): 5 MB; carried on (base64url, in a hidden field) between "Proef" and "Importeren". */
const FILE_BYTES = 5 * 1024 * 1024;
const FIELD_BYTES = Math.ceil((FILE_BYTES * 4) / 3) + 1024;

/** The uploaded file as multer leaves it in memory. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** The POST of a page form with `enctype="multipart/form-data"` (a file in field `file`), CSRF-checked after parsing. */
export const UploadForm = () =>
  applyDecorators(
    CsrfCheckedAfterUpload(),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: FILE_BYTES, files: 1, fields: 10, fieldSize: FIELD_BYTES } }), UploadCsrfInterceptor),
    HttpCode(200),
    Header('Content-Type', 'text/html; charset=utf-8'),
    ApiConsumes('multipart/form-data'),
    ApiProduces('text/html'),
  );
