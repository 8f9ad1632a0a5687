/**
 * The OPC UA driver ({@link org.energytrace.gateway.opcua.OpcUaMeterDriver}, Eclipse Milo):
 * subscriptions or reads per point, every call bounded ({@link
 * org.energytrace.gateway.opcua.OpcUaConnector}), EngineeringUnits checked against the
 * configuration, and the gateway's certificates and trust lists ({@link
 * org.energytrace.gateway.opcua.ClientPki}).
 */
package org.energytrace.gateway.opcua;
