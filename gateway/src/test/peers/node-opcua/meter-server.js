// An electricity meter served over OPC UA by node-opcua, for the gateway's driver checks.
// Usage: node meter-server.js --port 48400 --power-kw 123.25 --energy-kwh 4567.5
// Serves ns=<urn:energytrace:peer>;s=Meter.AcActivePowerTotal (Double, kW, EngineeringUnits KWT)
// and s=Meter.AcActiveEnergyTotalImport (Double, kWh). Prints "READY <endpoint>" when listening.
"use strict";
const { OPCUAServer } = require("node-opcua-server");
const { DataType, Variant } = require("node-opcua-variant");
const { standardUnits } = require("node-opcua-data-access");

function arg(name) {
  const i = process.argv.indexOf("--" + name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error("missing --" + name);
  return process.argv[i + 1];
}

(async () => {
  const port = Number(arg("port"));
  const power = Number(arg("power-kw"));
  const energy = Number(arg("energy-kwh"));
  const server = new OPCUAServer({
    port,
    resourcePath: "/peer",
    hostname: "127.0.0.1",
    alternateHostname: ["127.0.0.1"],
    buildInfo: { productName: "energytrace-node-opcua-peer" },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const ns = addressSpace.registerNamespace("urn:energytrace:peer");
  const meter = ns.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: "Meter" });
  const analog = (name, value, unit) =>
    ns.addAnalogDataItem({
      componentOf: meter,
      nodeId: "s=Meter." + name,
      browseName: name,
      dataType: "Double",
      engineeringUnitsRange: { low: 0, high: 1e12 },
      engineeringUnits: unit,
      minimumSamplingInterval: 100,
      value: { get: () => new Variant({ dataType: DataType.Double, value }) },
    });
  analog("AcActivePowerTotal", power, standardUnits.kilowatt);
  analog("AcActiveEnergyTotalImport", energy, standardUnits.kilowatt_hour);
  await server.start();
  console.log("READY " + server.getEndpointUrl());
  const stop = async () => { await server.shutdown(100); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
})().catch((e) => { console.error(e); process.exit(1); });
