/**
 * Publishing over MQTT: the {@link org.energytrace.gateway.publish.MqttPublisher} drains the buffer
 * in sealed batches at QoS 1 through an {@link org.energytrace.gateway.publish.MqttTransport} (Paho
 * MQTT 5 or 3.1.1, sharing {@link org.energytrace.gateway.publish.PahoTransport}), and the messages
 * of the wire contract ({@link org.energytrace.gateway.publish.MessageCodec}).
 */
package org.energytrace.gateway.publish;
