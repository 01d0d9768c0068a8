// @ts-check
// `node --import` this file to run TypeScript sources in a worker thread (see worker-source-hooks.js).
import { register } from 'node:module';

register('./worker-source-hooks.js', import.meta.url);
