// Paths of the 场景应用 pages that carry an id (the patterns are in ROUTES).
import { ROUTES } from '../constants/routes.ts';

export const eventScreenPath = (eventId: string) => ROUTES.eventScreen.replace(':eventId', encodeURIComponent(eventId));
export const eventStatsPath = (eventId: string) => ROUTES.eventStats.replace(':eventId', encodeURIComponent(eventId));
export const registrationRecordsPath = (pointId: string) => ROUTES.registrationRecords.replace(':pointId', encodeURIComponent(pointId));
