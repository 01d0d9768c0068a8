import { hello } from '@app/platform';
console.log(hello());
