/**
 * The demo in one process ({@link org.energytrace.gateway.demo.Demo}): a broker when none listens,
 * the simulated brewery on free ports when the usual ones are taken, and a gateway with the
 * packaged demo config that publishes the plant's history first.
 */
package org.energytrace.gateway.demo;
