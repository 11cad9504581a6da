// Child process of startStackProcess: one ephemeral stack until SIGTERM.
import { startStack } from '../local/stack.ts';

const stack = await startStack({
  dataDir: process.env.YIMA_DATA_DIR!,
  localMode: true,
  ephemeral: true,
  functionsEnv: JSON.parse(process.env.YIMA_FUNCTIONS_ENV ?? '{}'),
});
const { stop, ...info } = stack;
console.log(`YIMA_STACK_READY ${JSON.stringify(info)}`);
process.once('SIGTERM', async () => {
  await stop();
  process.exit(0);
});
