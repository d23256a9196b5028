// The ceiling: the least a Fastify server can do per request on this machine, measured in the
// same run as ad-api so the ratio means something even when the machine is busy.
import Fastify from 'fastify'

// WORK_US: busy the handler for that many microseconds, to show what a given amount of work per
// request costs in throughput on this machine (see the README's benchmark section).
const workMs = Number(process.env.WORK_US ?? 0) / 1000

const app = Fastify({ logger: false })
app.get('/', async () => {
  if (workMs > 0) {
    const until = performance.now() + workMs
    while (performance.now() < until);
  }
  return { hello: 'world' }
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
console.log('listening')
