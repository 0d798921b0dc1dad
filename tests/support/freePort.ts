export { freePort } from '../../infra/freePort';
