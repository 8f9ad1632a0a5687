// An MQTT broker we did not write that speaks MQTT 3.1.1 only (aedes refuses an MQTT 5 CONNECT).
// Usage: node broker.mjs --port N ; prints "READY tcp://127.0.0.1:N" once it listens.
import { Aedes } from 'aedes'
import { createServer } from 'node:net'

const args = process.argv.slice(2)
const port = Number(args[args.indexOf('--port') + 1])
const aedes = await Aedes.createBroker()
const server = createServer(aedes.handle)
server.listen(port, '127.0.0.1', () => {
  console.log(`READY tcp://127.0.0.1:${port}`)
})
const stop = () => server.close(() => aedes.close(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
