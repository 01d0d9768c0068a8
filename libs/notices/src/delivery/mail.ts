import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '@app/config';
import { say } from '@app/platform';
import { DeliveryError } from './delivery-error.js';

/** A file sent with a message (a checkpoint, for an auditor's archive). */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** E-mail over SMTP (nodemailer), one transport per process, made when first needed. */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  /** `to`: one address, or several separated by commas (one message to all of them). */
  async send(to: string, subject: string, text: string, attachments: MailAttachment[] = []): Promise<void> {
    const smtp = this.config.notices.smtp;
    if (!smtp) throw new DeliveryError(say('delivery.smtpNotConfigured'), false);
    this.transport ??= nodemailer.createTransport(smtp.url);
    try {
      await this.transport.sendMail({ from: smtp.from, to, subject, text, attachments });
    } catch (error) {
      // 5xx from the server is final (no such mailbox, refused); anything else may pass later.
      const code = (error as { responseCode?: number }).responseCode;
      const refused = code !== undefined && code >= 500;
      const reason = refused ? say('delivery.smtpRefused', { code }) : say('delivery.smtpFailed');
      throw new DeliveryError(reason, !refused, (error as Error).message);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
