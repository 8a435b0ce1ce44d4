import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { identify, type Directory } from '../bot/identify.ts';
import type { AccessConversation } from '../conversation/accessConversation.ts';
import { conversationKey } from '../conversation/conversationKey.ts';
import { translatorFor } from '../presentation/i18n.ts';
import type { StepLookups } from '../presentation/stepLookups.ts';
import { accessPanel } from './accessPanel.ts';

// The local chat page (local mode only): static files read once, and the side panel's data.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const require = createRequire(import.meta.url);

const FILES: Record<string, { path: string; type: string }> = {
  '/': { path: here('./public/index.html'), type: 'text/html; charset=utf-8' },
  '/web/app.js': { path: here('./public/app.js'), type: 'text/javascript; charset=utf-8' },
  '/web/style.css': { path: here('./public/style.css'), type: 'text/css; charset=utf-8' },
  '/web/adaptivecards.js': { path: require.resolve('adaptivecards/dist/adaptivecards.min.js'), type: 'text/javascript; charset=utf-8' },
  '/web/adaptivecards.css': { path: require.resolve('adaptivecards/dist/adaptivecards.css'), type: 'text/css; charset=utf-8' },
  '/web/strings/en.json': { path: here('../../locales/en/page.json'), type: 'application/json; charset=utf-8' },
  '/web/strings/fr.json': { path: here('../../locales/fr/page.json'), type: 'application/json; charset=utf-8' },
};

export const LOCAL_CHANNEL = 'webchat';

export function localPageRoutes(deps: { conversation: AccessConversation; repository: Directory & StepLookups }) {
  const files = Object.entries(FILES).map(([route, file]) => ({ route, type: file.type, body: readFileSync(file.path) }));
  return (server: Server) => {
    for (const file of files) {
      server.get(file.route, async (_req: Request, res: Response) => {
        res.setHeader('Content-Type', file.type);
        res.setHeader('Cache-Control', 'no-cache');
        res.sendRaw(200, file.body);
      });
    }
    server.get('/favicon.ico', async (_req: Request, res: Response) => {
      res.send(204);
    });
    server.get('/local/panel', async (req: Request, res: Response) => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      const conversationId = typeof query.conversation === 'string' ? query.conversation.slice(0, 200) : '';
      const person = typeof query.person === 'string' ? query.person.slice(0, 200) : '';
      const locale = typeof query.locale === 'string' ? query.locale.slice(0, 20) : 'en-GB';
      const identity = identify({ channelId: LOCAL_CHANNEL, conversation: { id: conversationId } as never, from: { id: person, name: person } }, deps.repository, true);
      const speaker = 'speaker' in identity ? identity.speaker : undefined;
      if (!speaker || !conversationId) {
        res.send(400, { error: 'conversation and person are required' });
        return;
      }
      const state = await deps.conversation.peek(conversationKey(LOCAL_CHANNEL, conversationId, speaker), speaker);
      res.send(200, accessPanel(state?.context, deps.repository, translatorFor(locale)));
    });
  };
}
