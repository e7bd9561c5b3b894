import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../platform/module.js';
import { agendaRoutes } from './agenda.js';
import { bodyRoutes } from './bodies.js';
import { feedRoutes } from './feeds.js';
import { meetingPageRoutes } from './meetings.js';
import { minutesRoutes } from './minutes.js';

/** Every route of the meetings module. */
export function meetingRoutes(app: FastifyInstance, services: AppServices): void {
  feedRoutes(app, services);
  meetingPageRoutes(app, services);
  agendaRoutes(app, services);
  minutesRoutes(app, services);
  bodyRoutes(app, services);
}
