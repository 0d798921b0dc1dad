/** Realistic sample values shared by several template definitions (preview, tests, benchmark). */
export const sampleCustomer = { salutation: 'ms' as const, title: 'Dr.', firstName: 'Anna', lastName: 'Müller' };
export const sampleVehicle = { make: 'VW', model: 'Golf 8 Variant', licensePlate: 'M-AB 1234' };
export const sampleLocation = { phone: '089 123456-30', bookingUrl: 'https://autohaus-berger.example/termin?kunde=sample' };
export const sampleSalesperson = { name: 'Markus Huber', phone: '089 123456-21', email: 'm.huber@autohaus-berger.example' };
