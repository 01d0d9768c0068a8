/**
 * The V8 flags the api and the worker run with, the one list: `npm start` (`cli serve`),
 * `npm run start:api|start:worker` and the compose file's replicas (`cli run`) and the bench's processes start them so.
 * Measured against peak RSS, (b) and (d) in test/bench/README.md ("Heap flags").
 */
export const NODE_FLAGS: Readonly<Record<'api' | 'worker', readonly string[]>> = {
  api: ['--max-old-space-size=256'],
  worker: ['--max-old-space-size=256'],
};
