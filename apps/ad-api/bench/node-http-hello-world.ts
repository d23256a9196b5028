// The floor for any Node server: node:http answering a fixed JSON body, no framework. The CPU
// budget rows are ratios to this one, measured in the same run.
import { createServer } from 'node:http'

const body = JSON.stringify({ hello: 'world' })
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  response.end(body)
}).listen(Number(process.env.PORT), '127.0.0.1')
