#!/usr/bin/python3
"""A Modbus TCP meter served by pymodbus (an implementation we did not write), for driver checks.

Unit 1 serves the Eastron SDM630 layout (input registers, float32, high word first), unit 2 the
Schneider iEM3xxx layout (holding registers: total active power float32 kW at wire address 3059,
active energy import int64 Wh at 3203). Values come from the command line so the test knows them.
Prints READY <port> once listening. --framer rtu serves RTU frames over TCP (a serial-to-Ethernet
converter in transparent mode); --serial DEVICE serves Modbus RTU on a serial line (e.g. one end of
a socat pty pair) at 9600 8N1 instead of TCP.
"""
import argparse
import asyncio
import sys

from pymodbus.constants import Endian
from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


def regs_float32(x):
    b = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    b.add_32bit_float(x)
    return b.to_registers()


def regs_int64(x):
    b = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    b.add_64bit_int(x)
    return b.to_registers()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int)
    p.add_argument("--framer", choices=["socket", "rtu"], default="socket")
    p.add_argument("--serial")
    p.add_argument("--sdm-power-w", type=float, required=True)
    p.add_argument("--sdm-energy-kwh", type=float, required=True)
    p.add_argument("--iem-power-kw", type=float, required=True)
    p.add_argument("--iem-energy-wh", type=int, required=True)
    a = p.parse_args()

    sdm = [0] * 0x200
    sdm[0x34:0x36] = regs_float32(a.sdm_power_w)
    sdm[0x48:0x4A] = regs_float32(a.sdm_energy_kwh)
    sdm_ctx = ModbusSlaveContext(ir=ModbusSequentialDataBlock(0, sdm),
                                 hr=ModbusSequentialDataBlock(0, [0] * 8), zero_mode=True)

    iem = [0] * 3300
    iem[3059:3061] = regs_float32(a.iem_power_kw)
    iem[3203:3207] = regs_int64(a.iem_energy_wh)
    iem_ctx = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, iem),
                                 ir=ModbusSequentialDataBlock(0, [0] * 8), zero_mode=True)

    context = ModbusServerContext(slaves={1: sdm_ctx, 2: iem_ctx}, single=False)

    async def run():
        if a.serial:
            task = asyncio.create_task(StartAsyncSerialServer(
                context=context, framer=ModbusRtuFramer, port=a.serial, baudrate=9600,
                bytesize=8, parity="N", stopbits=1))
            ready = a.serial
        else:
            framer = ModbusRtuFramer if a.framer == "rtu" else ModbusSocketFramer
            task = asyncio.create_task(StartAsyncTcpServer(
                context=context, address=("127.0.0.1", a.port), framer=framer))
            ready = a.port
        await asyncio.sleep(0.5)
        print(f"READY {ready}", flush=True)
        await task

    asyncio.run(run())


if __name__ == "__main__":
    sys.exit(main())
