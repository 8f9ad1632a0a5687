/**
 * The Modbus driver ({@link org.energytrace.gateway.modbus.ModbusMeterDriver}, digitalpetri
 * modbus-tcp; TCP, RTU over TCP, RTU over a serial line): coalesced reads ({@link
 * org.energytrace.gateway.modbus.ReadPlan}) and the decoding of register bytes by the data in the
 * register map ({@link org.energytrace.gateway.modbus.RegisterCodec}).
 */
package org.energytrace.gateway.modbus;
