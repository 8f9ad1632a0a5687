/**
 * The message model of the wire contract (docs/asyncapi.yaml): a topic, its kind, the validated
 * payload (telemetry points with their quality, production counts), the refusals that send a
 * message to quarantine, and a message as it arrived ({@code Incoming}). Records only; imports
 * nothing of ingest.
 */
package org.energytrace.ingest.model;
