/** An embedded MQTT 5 broker (HiveMQ CE) for demos on machines without one. */
package org.energytrace.gateway.broker;
