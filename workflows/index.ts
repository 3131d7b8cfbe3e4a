/** The workflows this worker registers. */
export { cutover } from './cutover';
export { wave } from './wave/workflow';
export { waveApplication } from './wave/application';
export { resourceLease } from './leases/lease';
