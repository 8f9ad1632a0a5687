/**
 * The simulated brewery for demos and tests: a pure {@link
 * org.energytrace.gateway.simulator.FactoryModel} served in real time over OPC UA and Modbus TCP by
 * the {@link org.energytrace.gateway.simulator.Simulator}, with a journal of every served value.
 */
package org.energytrace.gateway.simulator;
