import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { FormImporter } from './form-importer.js';

/** The import use case; needs CqrsModule.forRoot(), a DataSource and the AppConfig in the app. */
@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule],
  providers: [FormImporter],
  exports: [FormImporter],
})
export class ImportsModule {}
