// The ceiling: the least a Fastify server can do per request on this machine, measured in the
// same run as ad-api so the ratio means something even when the machine is busy.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
console.log('listening')
