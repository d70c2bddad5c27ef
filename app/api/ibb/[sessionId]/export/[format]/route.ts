import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { EXPORT_FORMATS, exportSessionRecord } from '@/server/ibb/export/export-session-record';
import { parseInput } from '@/server/http/parse-input';
import { withUser } from '@/server/http/route-handler';

/** GET /api/ibb/<sessionId>/export/<json|csv|html|pdf|docx>: the session record for a participant. */
export const GET = withUser<{ sessionId: string; format: string }>('ibb-export', async ({ user, params }) => {
  const format = parseInput(z.enum(EXPORT_FORMATS), params.format);
  const t = await getTranslations('ibbRecords');
  const file = await exportSessionRecord(user.id, params.sessionId, format, { t: (key, values) => t(key, values), lang: await getLocale() });
  return new Response(file.body, {
    headers: {
      ...file.headers,
      'Content-Type': file.contentType,
      'Content-Disposition': `${file.isInline ? 'inline' : 'attachment'}; filename="${file.filename}"`,
    },
  });
});
