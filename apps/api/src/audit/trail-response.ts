import type { Response } from 'express';
import { TRAIL_MEDIA, trailLine, trailPreamble, type TrailFormat, type TrailRow } from '@app/audit';

/**
 * Writes the trail page by page, waiting for the client to drain each one. The first page is
 * read before any header goes out, so a failing query still gets a proper JSON error; a
 * failure later cuts the connection, so a truncated export cannot pass for a complete one.
 */
export async function sendTrail(response: Response, format: TrailFormat, pages: AsyncGenerator<TrailRow[]>) {
  let page = await pages.next();
  const media = TRAIL_MEDIA[format];
  try {
    response.status(200);
    response.setHeader('Content-Type', media.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="audit-trail.${media.extension}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.write(trailPreamble(format));
    while (!page.done) {
      const chunk = page.value.map((row) => trailLine(format, row)).join('');
      if (!response.write(chunk)) await drained(response);
      if (response.destroyed) return; // the client went away: read no further
      page = await pages.next();
    }
    response.end();
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await pages.return(undefined); // ends the generator's read transaction, however we got here
  }
}

function drained(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
