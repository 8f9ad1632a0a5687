/**
 * {@code ingest demo}'s parts below its command ({@code DemoCommand}): where it listens and which
 * broker it uses on a machine where other programs hold the usual ports ({@link
 * org.energytrace.ingest.demo.DemoPorts}), the gateway jar's child processes and what happens when
 * one dies ({@link org.energytrace.ingest.demo.GatewayProcesses}), one account per role ({@link
 * org.energytrace.ingest.demo.DemoAccounts}), the demo's dates ({@link
 * org.energytrace.ingest.demo.DemoDates}) and the description and baseline of the demo plant
 * ({@link org.energytrace.ingest.demo.DemoSeeder}). See docs/dashboards.md, "The demo: ports,
 * accounts, a dead child" and "The demo's history".
 */
package org.energytrace.ingest.demo;
