import {
  branch,
  createTask,
  defineCampaign,
  eq,
  InvalidCampaignError,
  send,
  validateCampaign,
  wait,
  waitForEvent,
  waitUntil,
  type TemplateCatalogue,
} from '../../campaigns/dsl';

const templates: TemplateCatalogue = {
  has: (id) => ['service-reminder', 'service-reminder-followup', 'double-opt-in-confirmation'].includes(id),
  categoryOf: (id) => (id === 'double-opt-in-confirmation' ? 'transactional' : 'marketing'),
};

const serviceReminder = () =>
  defineCampaign({
    id: 'service-reminder',
    version: 1,
    name: 'Service reminder',
    audience: 'Owners whose next service is due within 4 weeks',
    legalBasis: 'existing_customer',
    context: ['serviceDueDate'],
    exitOn: ['service_booked', 'service_visit_done'],
    steps: [
      waitUntil('serviceDueDate', { offset: { weeks: -4 } }),
      send('service-reminder'),
      waitForEvent(
        'service_booked',
        { weeks: 3 },
        { onTimeout: [send('service-reminder-followup'), createTask('service_advisor', 'call_for_service')] },
      ),
      branch(eq('customer.language', 'en'), [wait({ days: 1 })]),
    ],
  });

describe('a marketer defines campaigns in TypeScript', () => {
  it('a well-formed campaign validates and keeps its defaults', () => {
    const campaign = validateCampaign(serviceReminder(), templates);
    expect(campaign.options).toEqual({ reentry: { mode: 'never' }, holdoutPercent: 0, priority: 0 });
    expect(campaign.steps).toHaveLength(4);
  });

  it('a typo in a template name names the campaign, the step and the problem', () => {
    const campaign = serviceReminder();
    campaign.steps[1] = send('service-remider');
    expect(() => validateCampaign(campaign, templates)).toThrow(InvalidCampaignError);
    expect(() => validateCampaign(campaign, templates)).toThrow(
      /Campaign "service-reminder".*\n.*step 1 \(send\): unknown template "service-remider"/,
    );
  });

  it('a problem inside a nested step list is located by its path', () => {
    const campaign = serviceReminder();
    campaign.steps[2] = waitForEvent('service_booked', { weeks: 3 }, { onTimeout: [send('nope')] });
    expect(() => validateCampaign(campaign, templates)).toThrow(/step 2 › onTimeout › 0 \(send\): unknown template "nope"/);
  });

  it('a zero-length wait is refused with the field named', () => {
    const campaign = serviceReminder();
    campaign.steps[3] = wait({ days: 0 });
    expect(() => validateCampaign(campaign, templates)).toThrow(/step 3 › duration: duration must be longer than zero/);
  });

  it('an unknown event type is refused', () => {
    const campaign = { ...serviceReminder(), exitOn: ['service_bookd'] };
    expect(() => validateCampaign(campaign, templates)).toThrow(/exitOn\.0/);
  });

  it('waitUntil must use a date the campaign declares in its context', () => {
    const campaign = serviceReminder();
    campaign.steps[0] = waitUntil('huDueDate', { offset: { weeks: -6 } });
    expect(() => validateCampaign(campaign, templates)).toThrow(/step 0 \(waitUntil\): date "huDueDate" is not declared/);
  });

  it('an advertising campaign cannot send a transactional template', () => {
    const campaign = serviceReminder();
    campaign.steps[1] = send('double-opt-in-confirmation');
    expect(() => validateCampaign(campaign, templates)).toThrow(/is transactional but the campaign advertises/);
  });

  it('a holdout above 100 % and a missing id are reported together', () => {
    const campaign = { ...serviceReminder(), id: undefined, options: { reentry: { mode: 'never' }, holdoutPercent: 120, priority: 0 } };
    expect(() => validateCampaign(campaign, templates)).toThrow(
      /Campaign "\(no id\)"[\s\S]*id:[\s\S]*options › holdoutPercent|options\.holdoutPercent/,
    );
  });
});
