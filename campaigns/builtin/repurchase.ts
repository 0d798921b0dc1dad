import { createTask, defineCampaign, send, waitUntil } from '../dsl';

/** About six months before a lease or financing ends: an offer for the next car, and a call from the salesperson. */
export const repurchaseLeaseEnd = defineCampaign({
  id: 'repurchase-lease-end',
  version: 1,
  name: 'Repurchase before the lease or financing ends',
  audience: 'Vehicles on lease or financing, 6 months before the contract ends',
  legalBasis: 'existing_customer',
  context: ['repurchaseDate'],
  exitOn: ['vehicle_sold', 'purchase'],
  options: { reentry: { mode: 'after_exit' }, priority: 15 },
  steps: [
    waitUntil('repurchaseDate', { ifPast: 'exit', name: '6 months before the contract ends' }),
    send('repurchase-lease-end', { name: 'repurchase offer' }),
    createTask('salesperson', 'repurchase_offer', { name: 'salesperson calls about the next car', dueIn: { days: 7 } }),
  ],
});

/** A car owned outright reaches the replacement age (default 5 years): an offer, and a call from the salesperson. */
export const repurchaseVehicleAge = defineCampaign({
  id: 'repurchase-vehicle-age',
  version: 1,
  name: 'Repurchase at replacement age',
  audience: 'Vehicles without financing, when they reach the configured age',
  legalBasis: 'existing_customer',
  context: ['repurchaseDate', 'vehicleAgeYears'],
  exitOn: ['vehicle_sold', 'purchase'],
  options: { reentry: { mode: 'after_exit' }, priority: 15 },
  steps: [
    waitUntil('repurchaseDate', { ifPast: 'exit', name: 'the car reaches replacement age' }),
    send('repurchase-vehicle-age', { name: 'repurchase offer' }),
    createTask('salesperson', 'repurchase_offer', { name: 'salesperson calls about the next car', dueIn: { days: 7 } }),
  ],
});
