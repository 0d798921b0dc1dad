export { newsletterById, newsletterCatalogue } from './catalogue';
export {
  defineNewsletter,
  newsletterDefinitionSchema,
  type NewsletterContent,
  type NewsletterDefinition,
  type NewsletterDefinitionInput,
} from './definition';
export {
  cancelNewsletterRun,
  newsletterRunProgress,
  newsletterRunResult,
  pauseNewsletterRun,
  resumeNewsletterRun,
  startNewsletterRun,
} from './runs';
export { scheduleSpecFor } from './scheduleSpec';
export {
  deleteNewsletterSchedule,
  describeNewsletterSchedule,
  listNewsletterSchedules,
  pauseNewsletterSchedule,
  syncNewsletterSchedules,
  triggerNewsletterSchedule,
  unpauseNewsletterSchedule,
} from './schedules';
