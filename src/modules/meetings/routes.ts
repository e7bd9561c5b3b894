import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/module.js';
import { agendaRoutes } from './agenda/routes.js';
import { bodyRoutes } from './bodies/routes.js';
import { feedRoutes } from './calendar/feeds.js';
import { calendarRoutes } from './calendar/routes.js';
import { minutesRoutes } from './minutes/routes.js';
import { registrationRoutes } from './registration/routes.js';
import { schedulingRoutes } from './scheduling/routes.js';

/** Every route of the meetings module, feature by feature. */
export function meetingRoutes(app: FastifyInstance, services: AppServices): void {
  calendarRoutes(app, services);
  feedRoutes(app, services);
  schedulingRoutes(app, services);
  registrationRoutes(app, services);
  agendaRoutes(app, services);
  minutesRoutes(app, services);
  bodyRoutes(app, services);
}
