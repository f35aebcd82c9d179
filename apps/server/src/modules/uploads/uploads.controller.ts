import { Controller, Get, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { fileTokenParam, uploadLink, uploadPurpose, uploadView, type UploadLink, type UploadView } from '@union/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, openApiSchema, ParamOf } from '../../common/schema';
import { readUploadForm } from './upload-form';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /** Upload one piece of evidence; attach it to a case through that case's own endpoint. */
  @Post()
  @SignedIn()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'purpose'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'JPG、PNG、WebP 照片或 PDF；按内容判断类型' },
        purpose: openApiSchema(uploadPurpose),
      },
    },
  })
  @Answers(uploadView, 201)
  async upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<UploadView> {
    return this.uploads.upload(actor, await readUploadForm(request));
  }

  /** A link to the file that works for UPLOAD_LINK_TTL_SECONDS, without a login. */
  @Get(':id/link')
  @SignedIn()
  @Answers(uploadLink)
  link(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<UploadLink> {
    return this.uploads.link(actor, id);
  }
}

@ApiTags('uploads')
@Controller('files')
export class FilesController {
  constructor(private readonly uploads: UploadsService) {}

  /** The bytes behind a signed link (404 forged, 410 expired). */
  @Get(':token')
  @Public()
  @ApiProduces('image/jpeg', 'application/pdf')
  async file(@ParamOf('token', fileTokenParam) token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.uploads.open(token);
    void reply
      // Evidence files are personal data: not kept in any cache, the browser's own included.
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    return new StreamableFile(file.bytes, { type: file.mime, disposition: 'inline', length: file.bytes.length });
  }
}
