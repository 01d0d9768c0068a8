import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { Duplicates } from './duplicates.js';
import { FormImporter } from './form-importer.js';
import { UploadReader } from './upload-reader.js';

/** The import use case; needs CqrsModule.forRoot(), a DataSource and the AppConfig in the app. */
@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule],
  providers: [FormImporter, UploadReader, Duplicates],
  exports: [FormImporter, UploadReader],
})
export class ImportsModule {}
