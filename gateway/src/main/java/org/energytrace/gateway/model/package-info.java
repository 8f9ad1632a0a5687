/**
 * The ground layer: the values every other package shares and that import nothing of ours — a
 * {@link org.energytrace.gateway.model.Reading} with its {@link
 * org.energytrace.gateway.model.Quality} and {@link org.energytrace.gateway.model.PointTarget}, the
 * identifier grammars of the wire contract ({@link org.energytrace.gateway.model.Ids}), a Modbus
 * {@link org.energytrace.gateway.model.RegisterSpec} as data (type, order, scale), the buffer's
 * {@link org.energytrace.gateway.model.OverflowPolicy}, the exception tree's root {@link
 * org.energytrace.gateway.model.GatewayException} and a failure's {@link
 * org.energytrace.gateway.model.RootCause} as the drivers report it.
 */
package org.energytrace.gateway.model;
