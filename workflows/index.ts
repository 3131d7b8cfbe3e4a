/** The workflows this worker registers. */
export { cutover } from './cutover';
